using Bench.Charts.Data;
using Bench.Core.Claims;
using Bench.Pipeline.Claims;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Charts.Plots;

/// <summary>
/// The claims as a forest plot: one line per ratio row of every claim (claim, ratio, scenario), its Hodges–Lehmann
/// ratio as a dot and its 95 % bounds as whiskers, coloured by the row's verdict, over the band of ratios the claim's
/// rule confirms (from the catalog; GT's and "at least"'s edges raised by the run's noise floor, as the verdict's were). Log ratio axis. A row the load
/// generator censored is labelled so, its unknown side drawn open to the axis's edge. Absolute rows
/// (a median in ms or MiB) have no ratio and are left to the report's table.
/// </summary>
public static class ClaimsChart
{
    private const int RowHeight = 22;

    public static Chart? Create(RunFigures run, ClaimCatalog? catalog)
    {
        var claims = run.Run.Claims ?? [];
        var rows = claims.SelectMany(c => c.Rows.Where(r => r.Denominator is not null && r.Estimate is > 0).Select(r => (Claim: c, Row: r))).ToList();
        if (rows.Count == 0) return null;
        var thresholds = new Thresholds(run.Run.ClaimsNoiseFloor ?? 0);
        var cores = ClaimInputs.TargetCores(run.Run.Settings);

        // the axis covers every estimate, bound and finite band edge, with room either side
        var values = rows.SelectMany(x => new[] { x.Row.Estimate, x.Row.Lower, x.Row.Upper }).OfType<double>().Where(v => v > 0 && double.IsFinite(v)).ToList();
        var bands = rows.Select(x => Band(x.Claim, x.Row, catalog, thresholds, cores)).ToList();
        values.AddRange(bands.OfType<(double Low, double High)>().SelectMany(b => new[] { b.Low, b.High }).Where(double.IsFinite));
        var min = values.Min() / 1.3;
        var max = values.Max() * 1.3;

        var plot = new Plot();
        var labels = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var (claim, row) = rows[i];
            var y = rows.Count - 1 - i; // first row on top
            labels.AddMajor(y, Label(claim, row));
            if (bands[i] is var (low, high))
            {
                var band = plot.Add.Rectangle(Math.Log10(Math.Max(low, min)), Math.Log10(Math.Min(high, max)), y - 0.4, y + 0.4);
                band.FillColor = ChartColors.Band;
                band.LineWidth = 0;
            }
            var color = ChartColors.Of(row.Verdict);
            // the interval the verdict was judged on: a side the load generator censored is open (to the axis's edge), as
            // the rule saw it; without bounds (too few trials) the whisker stops at the dot
            var (lower, upper) = row.Censoring.Sound(row.Lower ?? row.Estimate!.Value, row.Upper ?? row.Estimate!.Value);
            var whisker = plot.Add.Line(Math.Log10(Math.Max(lower, min)), y, Math.Log10(Math.Min(upper, max)), y);
            whisker.Color = color;
            whisker.LineWidth = 2;
            var dot = plot.Add.Marker(Math.Log10(row.Estimate!.Value), y, row.Informational ? MarkerShape.OpenCircle : MarkerShape.FilledCircle, 9, color);
            dot.LegendText = "";
        }
        var one = plot.Add.VerticalLine(0, 1, Colors.Black.WithAlpha(0.6));
        one.LinePattern = LinePattern.Dashed;

        foreach (var verdict in rows.Select(x => x.Row.Verdict).Distinct().Order())
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = verdict.ToString().ToLowerInvariant(), FillColor = ChartColors.Of(verdict), LineWidth = 0 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "claimed band", FillColor = ChartColors.Band, LineWidth = 0 });
        if (rows.Any(x => x.Row.Informational))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "companion (not counted)", MarkerShape = MarkerShape.OpenCircle, MarkerColor = Colors.Black, MarkerSize = 9, LineWidth = 0 });
        plot.ShowLegend(Edge.Bottom);

        plot.Axes.Left.TickGenerator = labels;
        plot.Axes.Bottom.TickGenerator = LogAxis.Decades(min, max, v => $"{LogAxis.Number(v)}×");
        plot.Axes.SetLimits(Math.Log10(min), Math.Log10(max), -0.7, rows.Count - 0.3);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        var title = "Claims: measured ratio (95 % bounds) against the claimed band";
        plot.Title(title);
        plot.XLabel("ratio numerator / denominator (log scale; dashed line: 1×)");
        return new Chart("claims", ChartKind.Claims, null, title, plot, 1300, 170 + RowHeight * rows.Count);
    }

    /// <summary>"claim-id: a/b metric @ scenario"; the claim id first, so a row can be found in the verdict table.</summary>
    internal static string Label(ClaimResult claim, EndpointResult row) =>
        $"{claim.Id}: {row.Numerator}/{row.Denominator} {row.Metric.Name()} @ {row.Scenario}{(row.Censoring != Censoring.None ? " (censored)" : "")}";

    /// <summary>
    /// The band of the row's rule, taken from the catalog; none when the catalog no longer says what the run judged (its
    /// rule's words differ from the row's), so a band never stands behind a verdict it did not decide.
    /// </summary>
    private static (double Low, double High)? Band(ClaimResult claim, EndpointResult row, ClaimCatalog? catalog, Thresholds thresholds, int cores)
    {
        var part = catalog?.Claims.FirstOrDefault(c => c.Id == claim.Id)?.Parts.ElementAtOrDefault(row.Part - 1);
        if (part?.Rule is not { } rule || rule.Describe(row.Metric) != row.Claimed) return null;
        return ClaimBand.Of(rule, thresholds, cores);
    }
}
