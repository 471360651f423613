using System.Globalization;
using Bench.Charts;
using Bench.Compare.Charts;
using Bench.Compare.Comparing;
using Bench.Core.Claims;
using Bench.Report.Document;
using Bench.Report.Exporters;
using Bench.Stats.Comparisons;

namespace Bench.Compare.History;

/// <summary>history.md and its charts: the change points first, then every series in brief, the runs, the notes.</summary>
public static class HistoryReport
{
    public const string FileName = "history.md";

    /// <summary>Writes history.md and charts/history-*.png/.svg into <paramref name="folder"/>; returns the paths written, relative to it.</summary>
    public static IReadOnlyList<string> Write(RunHistory history, string folder)
    {
        var charts = HistoryCharts.Create(history);
        var written = new List<string>();
        foreach (var chart in charts)
        {
            ReportFiles.Write(Path.Combine(folder, chart.PngFile), chart.Png());
            ReportFiles.Write(Path.Combine(folder, chart.SvgFile), chart.Svg());
            written.AddRange([chart.PngFile, chart.SvgFile]);
        }
        ReportFiles.Write(Path.Combine(folder, FileName), MarkdownExporter.Render(Build(history, charts)));
        written.Add(FileName);
        return written;
    }

    public static ReportDocument Build(RunHistory history, IReadOnlyList<Chart> charts)
    {
        var runs = history.Runs;
        var o = history.Options;
        var changes = history.Series.SelectMany(s => s.Changes.Select(c => (s, c))).OrderByDescending(x => x.c.FirstRun.Run.StartedUtc).ToList();
        var blocks = new List<Block>
        {
            new Paragraph(changes.Count == 0 ? "No change point." : $"{changes.Count} change point(s).", Strong: true),
            new Paragraph("Change points by E-divisive means (Matteson & James 2014): the split of a series that most separates the runs " +
                          $"before it from those after it, kept when {o.Permutations} shuffles of the series rarely separate it as well " +
                          $"(permutation p ≤ {o.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}), then each side searched again; " +
                          $"at least {o.MinSegment} runs on either side of a change. A run's point is the median of its trials that count " +
                          "(no machine disturbance, no errors; req/s of a run with a load-generator-bound trial is left out)."),
        };
        if (changes.Count > 0)
        {
            blocks.Add(new Heading(2, "Change points"));
            blocks.Add(new Table(
                [new("scenario"), new("target"), new("metric"), new("first run after"), new("started (UTC)"), new("before", Align.Right),
                 new("after", Align.Right), new("change", Align.Right), new(""), new("p", Align.Right)],
                changes.Select(x => (IReadOnlyList<string>)
                [
                    x.s.Scenario, x.s.Target, x.s.Metric.Name(), x.c.FirstRun.Run.RunId, CompareReport.Time(x.c.FirstRun.Run.StartedUtc),
                    CellFormat.Value(x.c.Before, x.s.Metric), CellFormat.Value(x.c.After, x.s.Metric), CellFormat.Percent(x.c.Ratio),
                    Direction(x.s.Metric, x.c.Ratio), x.c.PValue.ToString("0.###", CultureInfo.InvariantCulture),
                ]).ToList()));
        }
        if (charts.Count > 0) blocks.AddRange([new Heading(2, "Charts"), new Figures(charts)]);
        blocks.Add(new Heading(2, "Series"));
        blocks.Add(new Table([new("scenario"), new("target"), new("metric"), new("runs", Align.Right), new("first", Align.Right), new("latest", Align.Right), new("change points")],
            history.Series.Select(s => (IReadOnlyList<string>)
            [
                s.Scenario, s.Target, s.Metric.Name(), s.Points.Count.ToString(CultureInfo.InvariantCulture),
                CellFormat.Value(s.Points[0].Value, s.Metric), CellFormat.Value(s.Points[^1].Value, s.Metric),
                s.Points.Count < 2 * o.MinSegment ? $"too few runs to search (needs {2 * o.MinSegment})"
                    : string.Join(", ", s.Changes.Select(c => $"{c.FirstRun.Run.RunId} {CellFormat.Percent(c.Ratio)}")),
            ]).ToList()));
        blocks.Add(new Heading(2, "Runs"));
        blocks.Add(new Table([new("run"), new("started (UTC)"), new("harness"), new("folder")],
            runs.Select(r => (IReadOnlyList<string>)[r.Run.RunId, CompareReport.Time(r.Run.StartedUtc), r.Run.Environment.HarnessCommit, r.Path]).ToList()));
        if (history.Notes.Count > 0) blocks.AddRange([new Heading(2, "Notes"), new BulletList(history.Notes)]);
        return new ReportDocument($"bench history: {runs.Count} runs, {CompareReport.Time(runs[0].Run.StartedUtc)} to {CompareReport.Time(runs[^1].Run.StartedUtc)} UTC", blocks);
    }

    /// <summary>"worse" or "better" in the metric's direction.</summary>
    public static string Direction(ClaimMetric metric, double ratio) => (ratio > 1) == (metric.Better() == Better.Higher) ? "better" : "worse";
}
