using Bench.Charts;
using Bench.Compare.History;
using Bench.Core.Claims;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Compare.Charts;

/// <summary>
/// A history as charts: per scenario, one chart of requestsPerSecond and one of every other metric that has a change
/// point, a line per target over the runs (x: the runs in time order, labelled by run id), each change point a dashed
/// vertical line in its target's colour just before the first run after it.
/// </summary>
public static class HistoryCharts
{
    public static IReadOnlyList<Chart> Create(RunHistory history)
    {
        ChartFont.Register();
        var targets = history.Series.Select(s => s.Target).Distinct().ToList();
        var charts = new List<Chart>();
        foreach (var group in history.Series.GroupBy(s => (s.Scenario, s.Metric)))
        {
            if (group.Key.Metric != ClaimMetric.RequestsPerSecond && group.All(s => s.Changes.Count == 0)) continue;
            var plot = new Plot();
            foreach (var series in group)
            {
                var color = ChartColors.Target(targets.IndexOf(series.Target));
                var line = plot.Add.ScatterLine(series.Points.Select(p => (double)p.Run).ToArray(), series.Points.Select(p => p.Value).ToArray(), color);
                line.LegendText = series.Target;
                line.MarkerShape = MarkerShape.FilledCircle;
                line.MarkerSize = 5;
                foreach (var change in series.Changes)
                {
                    var at = history.Runs.ToList().FindIndex(r => r.Path == change.FirstRun.Path);
                    var marker = plot.Add.VerticalLine(at - 0.5, 1.5f, color);
                    marker.LinePattern = LinePattern.Dashed;
                }
            }
            var ticks = new NumericManual();
            var every = (history.Runs.Count + 11) / 12; // at most a dozen labels, slanted so long run ids do not overlap
            for (var i = 0; i < history.Runs.Count; i += every) ticks.AddMajor(i, history.Runs[i].Run.RunId);
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 110;
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = LogAxis.Number };
            plot.Axes.SetLimitsX(-0.5, history.Runs.Count - 0.5);
            plot.ShowLegend(Edge.Right);
            var (scenario, metric) = group.Key;
            var title = $"{scenario}: {metric.Name()} over {history.Runs.Count} runs (dashed: change points)";
            plot.Title(title);
            plot.YLabel($"{metric.Unit()} (median of the run)");
            charts.Add(new Chart($"history-{scenario}-{metric.Name()}", ChartKind.History, scenario, title, plot, 1000, 450));
        }
        return charts;
    }
}
