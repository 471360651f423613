using System.Diagnostics;
using Bench.Charts;
using Bench.Charts.Data;
using Bench.Core.Claims;
using Bench.Report.Document;
using Bench.Report.Exporters;

namespace Bench.Report;

/// <summary>What a report wrote, and how long it took (for the CLI's line).</summary>
public sealed record ReportOutcome(IReadOnlyList<string> Files, int Charts, TimeSpan Elapsed);

/// <summary>A results folder's report: its charts, report.md, report.html and report.csv, written into the folder by the exporters.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<IExporter> DefaultExporters { get; } =
        [new ChartsExporter(), new MarkdownExporter(), new HtmlExporter(), new CsvExporter()];

    /// <param name="catalog">the claims catalog, for the claimed bands of the claims chart (null: no bands)</param>
    public static ReportOutcome Write(string folder, ClaimCatalog? catalog, IReadOnlyList<IExporter>? exporters = null)
    {
        var clock = Stopwatch.StartNew();
        var run = RunFigures.Load(folder);
        var charts = RunCharts.Create(run, catalog);
        var context = new ReportContext(run, charts, RunReport.Build(run, charts));
        var files = (exporters ?? DefaultExporters).SelectMany(e => e.Export(context, folder)).ToList();
        return new ReportOutcome(files, charts.Count, clock.Elapsed);
    }
}
