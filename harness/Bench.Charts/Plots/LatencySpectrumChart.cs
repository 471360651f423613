using Bench.Charts.Data;
using Bench.Pipeline.Results;
using ScottPlot;

namespace Bench.Charts.Plots;

/// <summary>
/// Per scenario: the latency at every percentile, one line per target, from its kept trials' histograms merged; x on
/// the 1/(1 − p) log scale wrk2's and HdrHistogram's plots use, so the tail (99 %, 99.9 %, 99.99 %) gets as much room as
/// the median. Each line stops at the highest percentile its request count can speak for.
/// </summary>
public static class LatencySpectrumChart
{
    /// <summary>Points per line, evenly spaced in x: enough for a smooth line, few enough for a small SVG.</summary>
    private const int Points = 120;
    /// <summary>The scale's end: 99.999 %, past which no run here has the requests to say anything.</summary>
    private const double MaxPercentile = 99.999;

    public static Chart? Create(RunFigures run, ScenarioSettings scenario)
    {
        var lines = run.TargetsOf(scenario.Name)
            .Select(t => (Target: t, Histogram: run.Histogram(scenario.Name, t)))
            .Where(l => l.Histogram is { Count: > 1 }).ToList();
        if (lines.Count == 0) return null;
        var plot = new Plot();
        double lowest = double.MaxValue, highest = 0, rightmost = 0;
        foreach (var (target, histogram) in lines)
        {
            var top = Math.Min(MaxPercentile, histogram!.HighestPercentile);
            var xMax = LogAxis.PercentileX(top);
            var xs = new double[Points];
            var ys = new double[Points];
            for (var i = 0; i < Points; i++)
            {
                xs[i] = xMax * i / (Points - 1);
                var percentile = 100 * (1 - Math.Pow(10, -xs[i]));
                var ms = Math.Max(histogram.MicrosecondsAt(percentile), 1) / 1000.0;
                ys[i] = Math.Log10(ms);
                lowest = Math.Min(lowest, ms);
                highest = Math.Max(highest, ms);
            }
            rightmost = Math.Max(rightmost, xMax);
            var line = plot.Add.ScatterLine(xs, ys, ChartColors.Target(run.Targets.ToList().IndexOf(target)));
            line.LineWidth = 2;
            line.LegendText = $"{target} ({histogram.Count:N0} requests, {histogram.Files} trials)";
        }
        plot.Axes.Bottom.TickGenerator = LogAxis.Percentiles(100 * (1 - Math.Pow(10, -rightmost)));
        plot.Axes.Left.TickGenerator = LogAxis.Decades(lowest, highest, ms => $"{LogAxis.Number(ms)} ms");
        plot.Axes.SetLimitsX(0, rightmost * 1.02);
        plot.Axes.SetLimitsY(Math.Log10(lowest) - 0.05, Math.Log10(highest) + 0.05);
        plot.ShowLegend(Edge.Bottom); // below the plot: inside, it hid the lines wherever they ran
        var title = $"{scenario.Name}: latency by percentile (merged trials)";
        plot.Title(title);
        plot.XLabel("percentile (1/(1−p) scale)");
        plot.YLabel("latency (log scale)");
        return new Chart($"latency-{scenario.Name}", ChartKind.LatencySpectrum, scenario.Name, title, plot, 800, 520);
    }
}
