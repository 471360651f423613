using System.Globalization;
using Bench.Charts;
using Bench.Compare.Charts;
using Bench.Core.Claims;
using Bench.Report.Document;
using Bench.Report.Exporters;
using Bench.Stats.Comparisons;

namespace Bench.Compare.Comparing;

/// <summary>
/// compare.md and its chart: the verdict first, then the runs side by side, what separates them, and every cell
/// (regressions first). Built as a report document and rendered by the report's Markdown exporter, so it reads (and
/// escapes) exactly as report.md does and can go into the same wiki.
/// </summary>
public static class CompareReport
{
    public const string FileName = "compare.md";

    /// <summary>Writes compare.md and charts/compare.png/.svg into <paramref name="folder"/>; returns the paths written, relative to it.</summary>
    public static IReadOnlyList<string> Write(RunComparison comparison, IReadOnlyCollection<ClaimMetric> failOn, string folder)
    {
        var chart = CompareChart.Create(comparison);
        var written = new List<string>();
        if (chart is not null)
        {
            ReportFiles.Write(Path.Combine(folder, chart.PngFile), chart.Png());
            ReportFiles.Write(Path.Combine(folder, chart.SvgFile), chart.Svg());
            written.AddRange([chart.PngFile, chart.SvgFile]);
        }
        ReportFiles.Write(Path.Combine(folder, FileName), MarkdownExporter.Render(Build(comparison, failOn, chart)));
        written.Add(FileName);
        return written;
    }

    public static ReportDocument Build(RunComparison comparison, IReadOnlyCollection<ClaimMetric> failOn, Chart? chart)
    {
        var (b, c) = (comparison.Baseline.Run, comparison.Current.Run);
        var regressions = comparison.Regressions(failOn);
        var blocks = new List<Block>
        {
            new Paragraph(regressions.Count == 0
                ? "No regression beyond the threshold."
                : $"{regressions.Count} regression(s): {string.Join("; ", regressions.Select(r => $"{r.Scenario} {r.Target} {r.Metric.Name()} {CellFormat.Percent(r.Change.Estimate!.Value)}"))}.",
                Strong: true),
            new Paragraph(Tally(comparison)),
            new Table([new(""), new("BASELINE"), new("CURRENT")],
            [
                ["folder", comparison.Baseline.Path, comparison.Current.Path],
                ["run", b.RunId, c.RunId],
                ["started (UTC)", Time(b.StartedUtc), Time(c.StartedUtc)],
                ["status", b.Status, c.Status],
                ["harness", b.Environment.HarnessCommit, c.Environment.HarnessCommit],
                ["noise floor (A/A)", Floor(b), Floor(c)],
            ]),
            new Paragraph("Each ratio is CURRENT ÷ BASELINE over the trials that count: the Hodges–Lehmann ratio with its distribution-free " +
                          "95 % bounds (exact Mann–Whitney, as the claims' verdicts). slower / faster: the whole interval lies beyond " +
                          $"1 ± {comparison.Threshold.ToString("0.###", CultureInfo.InvariantCulture)} on the metric's worse / better side (more req/s is better; " +
                          "less latency, memory, start-up time and size is better). same: no change beyond that is shown. inconclusive: " +
                          "a change perhaps smaller than the threshold, or one too noisy to confirm. not comparable: no trustworthy interval (the reason says why). " +
                          "Trials the machine disturbed or with errors are left out; a load-generator-bound side only counts on its sound side."),
        };
        Section(blocks, "Machine differences (compared anyway: --allow-different-machines)", comparison.MachineDifferences);
        Section(blocks, "Software changes", comparison.SoftwareChanges);
        Section(blocks, "Notes", comparison.Notes);
        if (chart is not null) blocks.AddRange([new Heading(2, "Chart"), new Figures([chart])]);
        blocks.Add(new Heading(2, "Cells"));
        blocks.Add(new Table(
            [new("scenario"), new("target"), new("metric"), new("BASELINE", Align.Right), new("CURRENT", Align.Right),
             new("ratio [95 % bounds]", Align.Right), new("change", Align.Right), new("verdict"), new("why")],
            comparison.Cells.OrderBy(x => CellFormat.Order(x.Change.Change)).Select(x => (IReadOnlyList<string>)
            [
                x.Scenario, x.Target, x.Metric.Name(), CellFormat.Value(x.BaselineMedian, x.Metric), CellFormat.Value(x.CurrentMedian, x.Metric),
                CellFormat.Ratio(x.Change), x.Change.Estimate is { } e ? CellFormat.Percent(e) : "",
                x.Change.Change == Change.Slower && !failOn.Contains(x.Metric) ? "slower (not in --fail-on)" : x.Change.Change.Name(), x.Change.Reason,
            ]).ToList()));
        return new ReportDocument($"bench compare: {c.RunId} against {b.RunId}", blocks);
    }

    public static string Tally(RunComparison comparison) =>
        $"{comparison.Cells.Count} cells: " + string.Join(", ", comparison.Cells.GroupBy(x => x.Change.Change).OrderBy(g => CellFormat.Order(g.Key))
            .Select(g => $"{g.Count()} {g.Key.Name()}"));

    private static void Section(List<Block> blocks, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        blocks.Add(new Heading(2, title));
        blocks.Add(new BulletList(lines));
    }

    private static string Floor(Pipeline.Results.RunResults run) =>
        run.NoiseFloor is { } f ? $"±{(f.HalfWidth * 100).ToString("0.#", CultureInfo.InvariantCulture)} % ({f.Target}, {f.Scenario})" : "none";

    internal static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
