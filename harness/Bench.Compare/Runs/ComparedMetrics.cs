using Bench.Core;
using Bench.Core.Claims;

namespace Bench.Compare.Runs;

/// <summary>
/// The metrics `bench compare` and `bench history` follow, in the claims' units (<see cref="ClaimMetricUnits"/>).
/// Left out: errors (mostly 0, a ratio of which is undefined; a failing trial already makes `bench run` exit 1),
/// mean latency and p99.9/p50 (the percentiles say it). Artifact size is in: a build change shows there first.
/// </summary>
public static class ComparedMetrics
{
    public static IReadOnlyList<ClaimMetric> All { get; } =
    [
        ClaimMetric.RequestsPerSecond, ClaimMetric.P50, ClaimMetric.P99, ClaimMetric.P999, ClaimMetric.RequestsPerCpuSecond,
        ClaimMetric.IdleMemory, ClaimMetric.PeakMemory, ClaimMetric.StartupMs, ClaimMetric.ArtifactBytes,
    ];

    /// <summary>Metric names as results.json and the catalog write them ("requestsPerSecond,p99"); null or empty gives every metric.</summary>
    public static IReadOnlyList<ClaimMetric> Parse(string? names, string option)
    {
        if (string.IsNullOrWhiteSpace(names)) return All;
        return names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name =>
            All.Where(m => m.Name() == name).Cast<ClaimMetric?>().FirstOrDefault()
            ?? throw new BenchException($"{option}: unknown metric '{name}'; give a comma-separated list of {string.Join(", ", All.Select(m => m.Name()))}.")).Distinct().ToList();
    }
}
