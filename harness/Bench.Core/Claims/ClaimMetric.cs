namespace Bench.Core.Claims;

/// <summary>
/// What a claim is measured as. Each metric has one unit (<see cref="ClaimMetricUnits"/>): samples carry values in
/// it and the catalog writes thresholds in it, so no figure is ever read in the wrong unit.
/// </summary>
public enum ClaimMetric
{
    RequestsPerSecond,
    MeanLatency,
    P50,
    P99,
    P999,
    /// <summary>p99.9 divided by p50 of the same trial: the tail's height relative to the typical request.</summary>
    P999OverP50,
    IdleMemory,
    PeakMemory,
    StartupMs,
    ArtifactBytes,
    RequestsPerCpuSecond,
    /// <summary>Failed requests (connect, reset, timeout, status, body) in the measured window.</summary>
    Errors,
}

public static class ClaimMetricUnits
{
    /// <summary>The unit values and thresholds of <paramref name="metric"/> are written in.</summary>
    public static string Unit(this ClaimMetric metric) => metric switch
    {
        ClaimMetric.RequestsPerSecond => "req/s",
        ClaimMetric.MeanLatency or ClaimMetric.P50 or ClaimMetric.P99 or ClaimMetric.P999 or ClaimMetric.StartupMs => "ms",
        ClaimMetric.P999OverP50 => "ratio",
        ClaimMetric.IdleMemory or ClaimMetric.PeakMemory or ClaimMetric.ArtifactBytes => "MiB",
        ClaimMetric.RequestsPerCpuSecond => "req/CPU-s",
        ClaimMetric.Errors => "requests",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The name the catalog and results.json use (camelCase, like every results.json field).</summary>
    public static string Name(this ClaimMetric metric) => JsonNamingLike(metric.ToString());

    private static string JsonNamingLike(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
