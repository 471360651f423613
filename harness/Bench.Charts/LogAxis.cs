using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Charts;

/// <summary>
/// ScottPlot 5 has no logarithmic axis: the charts plot log10 of their values and label the ticks with the values
/// themselves. These build the manual tick sets for that.
/// </summary>
public static class LogAxis
{
    /// <summary>Ticks at 1, 2, 5 × 10^k covering [min, max] (values, not logs), labelled with the value.</summary>
    /// <remarks>
    /// A range narrower than that gives fewer than three such ticks (100 to 160 ms has one): then the ticks are evenly
    /// spaced values (a 1, 2 or 5 × 10^k step), still placed at their logs, so every axis can be read.
    /// </remarks>
    public static NumericManual Decades(double min, double max, Func<double, string>? label = null)
    {
        label ??= Number;
        var values = new List<double>();
        var low = Math.Floor(Math.Log10(min));
        var high = Math.Ceiling(Math.Log10(max));
        for (var k = low; k <= high; k++)
            foreach (var m in new[] { 1.0, 2, 5 })
            {
                var v = m * Math.Pow(10, k);
                if (v >= min / 1.0001 && v <= max * 1.0001) values.Add(v);
            }
        if (values.Count < 3) values = Linear(min, max);
        var ticks = new NumericManual();
        foreach (var v in values) ticks.AddMajor(Math.Log10(v), label(v));
        return ticks;
    }

    /// <summary>Four to ten evenly spaced values within [min, max], at a step of 1, 2 or 5 × 10^k.</summary>
    private static List<double> Linear(double min, double max)
    {
        if (max - min <= max * 1e-9) return [min]; // one value: one tick
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max - min)));
        var step = new[] { 0.1, 0.2, 0.5, 1, 2, 5 }.Select(m => m * magnitude).First(s => (max - min) / s <= 10);
        var values = new List<double>();
        for (var v = Math.Ceiling(min / step) * step; v <= max * 1.0001; v += step)
            values.Add(Math.Round(v / step) * step); // no float drift in the labels
        return values;
    }

    /// <summary>A value in plain invariant digits (no culture's separators): 0.5, 2, 1500.</summary>
    public static string Number(double v) => v.ToString(v >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>x of a percentile p (0..100) on the 1/(1−p) scale wrk2 and HdrHistogram plot: log10(1/(1 − p/100)).</summary>
    public static double PercentileX(double percentile) => Math.Log10(1 / (1 - percentile / 100));

    /// <summary>The percentile ticks of the latency spectrum: 0 %, 50 %, 90 % ... up to <paramref name="highest"/>.</summary>
    public static NumericManual Percentiles(double highest)
    {
        var ticks = new NumericManual();
        foreach (var (p, text) in new[] { (0.0, "0%"), (50.0, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%") })
            if (p <= highest + 1e-9) ticks.AddMajor(PercentileX(p), text);
        return ticks;
    }
}
