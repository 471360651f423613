using Bench.Core.Claims;

namespace Bench.Stats.Comparisons;

/// <summary>Which way a metric improves: throughput up, time and memory down.</summary>
public enum Better
{
    Higher,
    Lower,
}

public static class MetricDirection
{
    public static Better Better(this ClaimMetric metric) => metric switch
    {
        ClaimMetric.RequestsPerSecond or ClaimMetric.RequestsPerCpuSecond => Comparisons.Better.Higher,
        ClaimMetric.MeanLatency or ClaimMetric.P50 or ClaimMetric.P99 or ClaimMetric.P999 or ClaimMetric.P999OverP50
            or ClaimMetric.IdleMemory or ClaimMetric.PeakMemory or ClaimMetric.StartupMs or ClaimMetric.ArtifactBytes
            or ClaimMetric.Errors => Comparisons.Better.Lower,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
