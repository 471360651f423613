using Bench.Charts;
using Bench.Compare.Comparing;
using Bench.Core.Claims;
using Bench.Stats.Comparisons;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Compare.Charts;

/// <summary>
/// A comparison as a forest plot: one row per cell shown (every requestsPerSecond cell, and every other cell that is
/// not "same"), CURRENT ÷ BASELINE as a dot with its 95 % bounds as whiskers, coloured by the verdict, over the band
/// 1 ± threshold. Log ratio axis. The other "same" cells would be hundreds of rows saying nothing: compare.md lists them.
/// </summary>
public static class CompareChart
{
    public const string Name = "compare";
    private const int RowHeight = 20;

    public static Chart? Create(RunComparison comparison)
    {
        var rows = comparison.Cells.Where(c => c.Change.Estimate is > 0 && (c.Metric == ClaimMetric.RequestsPerSecond || c.Change.Change != Change.Same))
            .OrderBy(c => c.Metric).ToList();
        if (rows.Count == 0) return null;
        ChartFont.Register();
        var low = 1 - comparison.Threshold;
        var high = 1 + comparison.Threshold;
        var values = rows.SelectMany(r => new[] { r.Change.Estimate, r.Change.Lower, r.Change.Upper }).OfType<double>().Append(low).Append(high).ToList();
        double min = values.Min() / 1.2, max = values.Max() * 1.2;

        var plot = new Plot();
        var band = plot.Add.Rectangle(Math.Log10(low), Math.Log10(high), -0.6, rows.Count - 0.4);
        band.FillColor = Colors.Gray.WithAlpha(0.18);
        band.LineWidth = 0;
        var labels = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = rows.Count - 1 - i; // first row on top
            labels.AddMajor(y, $"{row.Metric.Name()} {row.Target} @ {row.Scenario}");
            var color = Of(row.Change.Change);
            var e = row.Change.Estimate!.Value;
            var whisker = plot.Add.Line(Math.Log10(Math.Max(row.Change.Lower ?? e, min)), y, Math.Log10(Math.Min(row.Change.Upper ?? e, max)), y);
            whisker.Color = color;
            whisker.LineWidth = 2;
            plot.Add.Marker(Math.Log10(e), y, MarkerShape.FilledCircle, 8, color).LegendText = "";
        }
        var one = plot.Add.VerticalLine(0, 1, Colors.Black.WithAlpha(0.6));
        one.LinePattern = LinePattern.Dashed;
        foreach (var change in rows.Select(r => r.Change.Change).Distinct().OrderBy(CellFormat.Order))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = change.Name(), FillColor = Of(change), LineWidth = 0 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"1 ± {LogAxis.Number(comparison.Threshold)}", FillColor = Colors.Gray.WithAlpha(0.18), LineWidth = 0 });
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.Left.TickGenerator = labels;
        plot.Axes.Bottom.TickGenerator = LogAxis.Decades(min, max, v => $"{LogAxis.Number(v)}×");
        plot.Axes.SetLimits(Math.Log10(min), Math.Log10(max), -0.7, rows.Count - 0.3);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        var title = $"{comparison.Current.Run.RunId} ÷ {comparison.Baseline.Run.RunId} (95 % bounds)";
        plot.Title(title);
        plot.XLabel("CURRENT ÷ BASELINE (log scale)");
        return new Chart(Name, ChartKind.Comparison, null, title, plot, 1100, 170 + RowHeight * rows.Count);
    }

    internal static Color Of(Change change) => change switch
    {
        Change.Slower => Color.FromHex("#d62728"),
        Change.Faster => Color.FromHex("#2ca02c"),
        Change.Inconclusive => Color.FromHex("#ff7f0e"),
        Change.NotComparable => Color.FromHex("#7f7f7f"),
        _ => Color.FromHex("#1f77b4"),
    };
}
