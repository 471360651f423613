using HdrHistogram;

namespace Bench.Charts.Data;

/// <summary>
/// Several trials' latency histograms (HdrHistogram .hlog, microseconds) added together: the only sound way to get
/// the percentiles of several windows (averaging their percentiles is not).
/// </summary>
public sealed class LatencyHistogram
{
    private readonly LongHistogram _histogram;

    private LatencyHistogram(LongHistogram histogram, int files)
    {
        _histogram = histogram;
        Files = files;
    }

    /// <summary>How many trials' files were merged.</summary>
    public int Files { get; }
    public long Count => _histogram.TotalCount;

    /// <summary>The highest percentile the data can speak for: one sample past it is the maximum (1 − 1/count).</summary>
    public double HighestPercentile => Count <= 1 ? 0 : 100 * (1 - 1.0 / Count);

    public double MicrosecondsAt(double percentile) => _histogram.GetValueAtPercentile(percentile);

    public static LatencyHistogram Merge(IReadOnlyList<string> files)
    {
        // the recorder's range and precision (Bench.Load LatencyRecorder): 1 µs to an hour, 3 significant digits
        var merged = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            using var reader = new HistogramLogReader(stream);
            foreach (var h in reader.ReadHistograms()) merged.Add(h);
        }
        return new LatencyHistogram(merged, files.Count);
    }
}
