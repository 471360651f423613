using Bench.Charts;

namespace Bench.Report.Document;

/// <summary>
/// The report's content once, as blocks; the Markdown and HTML exporters each render the same blocks, so the two
/// files can never say different things.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<Block> Blocks);

public abstract record Block;

public sealed record Heading(int Level, string Text) : Block;

/// <summary>Plain text (exporters escape it); <see cref="Strong"/> for a warning the reader must not miss.</summary>
public sealed record Paragraph(string Text, bool Strong = false) : Block;

public sealed record BulletList(IReadOnlyList<string> Items) : Block;

public enum Align { Left, Right }

public sealed record Column(string Header, Align Align = Align.Left);

public sealed record Table(IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>Charts shown side by side where the page is wide enough.</summary>
public sealed record Figures(IReadOnlyList<Chart> Charts) : Block;
