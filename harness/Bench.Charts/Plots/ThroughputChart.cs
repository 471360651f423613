using Bench.Charts.Data;
using Bench.Pipeline.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Charts.Plots;

/// <summary>
/// Per scenario: each target's req/s as a bar at the median of its kept trials, every trial as a dot beside it (the
/// spread), flagged trials crossed out (their figure is not taken at face value: see the report's flags).
/// </summary>
public static class ThroughputChart
{
    public static Chart? Create(RunFigures run, ScenarioSettings scenario)
    {
        var targets = run.TargetsOf(scenario.Name);
        if (targets.Count == 0) return null;
        var plot = new Plot();
        var ticks = new NumericManual();
        var flaggedXs = new List<double>();
        var flaggedYs = new List<double>();
        for (var i = 0; i < targets.Count; i++)
        {
            var trials = run.Kept(scenario.Name, targets[i]).Where(t => t.RequestsPerSecond is not null).ToList();
            ticks.AddMajor(i, targets[i]);
            if (trials.Count == 0) continue;
            var color = ChartColors.Target(run.Targets.ToList().IndexOf(targets[i]));
            var values = trials.Select(t => t.RequestsPerSecond!.Value).ToArray();
            var bar = plot.Add.Bar(position: i, value: Stats.SampleMedian.Of(values));
            bar.Color = color.WithAlpha(0.45);
            bar.LegendText = "";
            // the trials side by side across the bar, in the order they ran: spread and any drift both show
            var xs = Enumerable.Range(0, values.Length).Select(k => i + Offset(k, values.Length)).ToArray();
            var dots = plot.Add.Markers(xs, values, MarkerShape.FilledCircle, 7, color);
            dots.LegendText = "";
            for (var k = 0; k < trials.Count; k++)
                if (trials[k].Flags.Count > 0) { flaggedXs.Add(xs[k]); flaggedYs.Add(values[k]); }
        }
        if (flaggedXs.Count > 0)
        {
            var crosses = plot.Add.Markers(flaggedXs.ToArray(), flaggedYs.ToArray(), MarkerShape.Eks, 11, ChartColors.Flagged);
            crosses.LegendText = "flagged trial";
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = LogAxis.Number };
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, targets.Count - 0.4);
        var title = $"{scenario.Name}: requests per second ({Describe(scenario)})";
        plot.Title(title);
        plot.YLabel("successful requests / s (bar: median of trials)");
        return new Chart($"throughput-{scenario.Name}", ChartKind.Throughput, scenario.Name, title, plot, 800, 450);
    }

    internal static string Describe(ScenarioSettings s) =>
        $"{s.Method} {s.Path}, {s.Connections} connections{(s.Model == Core.Scenarios.LoadKind.Open ? ", fixed rate" : "")}";

    private static double Offset(int k, int n) => n == 1 ? 0 : -0.3 + 0.6 * k / (n - 1);
}
