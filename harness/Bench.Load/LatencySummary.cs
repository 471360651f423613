using HdrHistogram;

namespace Bench.Load;

/// <summary>
/// Latency in microseconds, from the run's HdrHistogram: successful requests, plus timed-out ones and those
/// unanswered at the end at their elapsed time (a target must not get a better tail by not answering).
/// </summary>
public sealed record LatencySummary(
    long Count, double MeanUs, double StdevUs,
    long P50Us, long P75Us, long P90Us, long P99Us, long P999Us, long P9999Us, long MaxUs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase h)
    {
        if (h.TotalCount == 0) return Empty; // HdrHistogram's mean of nothing is NaN, which JSON cannot carry
        return new(h.TotalCount, Math.Round(h.GetMean(), 2), Math.Round(h.GetStdDeviation(), 2),
            h.GetValueAtPercentile(50), h.GetValueAtPercentile(75), h.GetValueAtPercentile(90),
            h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetValueAtPercentile(99.99), h.GetMaxValue());
    }
}
