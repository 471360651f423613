using System.Text;
using Bench.Report.Document;

namespace Bench.Report.Exporters;

/// <summary>
/// report.md: CommonMark with GitHub-style tables (what GitHub, GitLab, Azure DevOps wikis and Confluence's Markdown
/// import read), charts linked as PNG by relative path, so the folder can be copied into a wiki as it is.
/// </summary>
public sealed class MarkdownExporter : IExporter
{
    public const string FileName = "report.md";

    public IReadOnlyList<string> Export(ReportContext report, string folder)
    {
        ReportFiles.Write(Path.Combine(folder, FileName), Render(report.Document));
        return [FileName];
    }

    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(document.Title)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(Escape(h.Text)).Append('\n');
                    break;
                case Paragraph p:
                    md.Append(p.Strong ? $"**{Escape(p.Text)}**" : Escape(p.Text)).Append('\n');
                    break;
                case BulletList list:
                    foreach (var item in list.Items) md.Append("- ").Append(Escape(item)).Append('\n');
                    break;
                case Table t:
                    md.Append("| ").AppendJoin(" | ", t.Columns.Select(c => Escape(c.Header))).Append(" |\n");
                    md.Append('|').AppendJoin('|', t.Columns.Select(c => c.Align == Align.Right ? "---:" : "---")).Append("|\n");
                    foreach (var row in t.Rows) md.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
                    break;
                case Figures f:
                    foreach (var chart in f.Charts)
                        md.Append($"![{Escape(chart.Title)}]({chart.PngFile}) \n[SVG]({chart.SvgFile})\n\n");
                    break;
            }
            md.Append('\n');
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Text as text: the characters Markdown (and a table's cell) would read as syntax are escaped, line breaks flattened.</summary>
    internal static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
