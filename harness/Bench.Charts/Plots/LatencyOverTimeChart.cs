using Bench.Charts.Data;
using Bench.Core.Scenarios;
using Bench.Pipeline.Results;
using ScottPlot;

namespace Bench.Charts.Plots;

/// <summary>
/// Fixed-rate scenarios: every kept trial's p99 second by second over its measured window, one colour per target. At
/// a fixed rate every target gets the same load, so a spike is the target's (a GC pause, a stall), not a burst of
/// load. Trials are drawn one line each: a second's p99 of several trials cannot be merged from their p99s.
/// </summary>
public static class LatencyOverTimeChart
{
    public static Chart? Create(RunFigures run, ScenarioSettings scenario)
    {
        if (scenario.Model != LoadKind.Open) return null;
        var plot = new Plot();
        double lowest = double.MaxValue, highest = 0;
        var drawn = 0;
        foreach (var target in run.TargetsOf(scenario.Name))
        {
            var color = ChartColors.Target(run.Targets.ToList().IndexOf(target));
            var first = true;
            foreach (var trial in run.Kept(scenario.Name, target))
            {
                var seconds = (trial.Timeline ?? []).Where(s => !s.Warmup && s.P99Us > 0).ToList();
                if (seconds.Count == 0) continue;
                var start = seconds[0].Second;
                var xs = seconds.Select(s => (double)(s.Second - start)).ToArray();
                var ms = seconds.Select(s => s.P99Us / 1000.0).ToArray();
                lowest = Math.Min(lowest, ms.Min());
                highest = Math.Max(highest, ms.Max());
                var line = plot.Add.ScatterLine(xs, ms.Select(Math.Log10).ToArray(), color.WithAlpha(0.75));
                line.LineWidth = 1.5f;
                // one legend entry per target, not per trial
                line.LegendText = first ? $"{target} ({run.Kept(scenario.Name, target).Count} trials)" : "";
                first = false;
                drawn++;
            }
        }
        if (drawn == 0) return null;
        plot.Axes.Left.TickGenerator = LogAxis.Decades(lowest, highest, ms => $"{LogAxis.Number(ms)} ms");
        plot.Axes.SetLimitsY(Math.Log10(lowest) - 0.05, Math.Log10(highest) + 0.05);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = LogAxis.Number };
        plot.ShowLegend(Edge.Right);
        var rate = run.Run.DerivedRates.FirstOrDefault(r => r.Scenario == scenario.Name)?.Rate ?? scenario.Rate;
        var title = $"{scenario.Name}: p99 per second at {(rate is { } r ? $"{LogAxis.Number(r)} req/s" : "a fixed rate")}";
        plot.Title(title);
        plot.XLabel("second of the measured window");
        plot.YLabel("p99 latency that second (log scale)");
        return new Chart($"latency-over-time-{scenario.Name}", ChartKind.LatencyOverTime, scenario.Name, title, plot, 1000, 450);
    }
}
