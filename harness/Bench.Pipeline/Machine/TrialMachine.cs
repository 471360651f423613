using System.Text.Json.Serialization;
using Bench.Runtime.Processes;

namespace Bench.Pipeline.Machine;

/// <summary>Whose cores a set is: the load engine's, the target's (with the database when it shares them), the database's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CpuRole>))]
public enum CpuRole
{
    [JsonStringEnumMemberName("engine")] Engine,
    [JsonStringEnumMemberName("target")] Target,
    [JsonStringEnumMemberName("database")] Database,
}

/// <summary>
/// What the machine did to one measured window (results.json <c>trials[].machine</c>). Percentages are of the
/// CPU set's time (its CPUs × the window); a figure is absent when it is unknown (a counter went backwards).
/// </summary>
public sealed record TrialMachine
{
    public required double WindowSeconds { get; init; }
    public required IReadOnlyList<CpuSetNoise> CpuSets { get; init; }
    /// <summary>The target's cgroup; absent when it has none (local runtime without limits) or it cannot be read.</summary>
    public CgroupThrottling? TargetThrottling { get; init; }
    /// <summary>The database's cgroup (Docker); the embedded PostgreSQL has no quota of its own and cannot be throttled.</summary>
    public CgroupThrottling? DatabaseThrottling { get; init; }
    /// <summary>The processes behind <see cref="CpuSetNoise.InterferencePercent"/>, busiest first (the five busiest of each set).</summary>
    public IReadOnlyList<InterferingProcess> Interferers { get; init; } = [];
    public required CpuFrequency Frequency { get; init; }
}

/// <param name="StealPercent">time a hypervisor ran something else while these CPUs had work (steal)</param>
/// <param name="InterferencePercent">process time on these CPUs not used by the target, its database or the harness</param>
/// <param name="MaxInterferencePercent">run summary only: the highest interference of any measured window</param>
public sealed record CpuSetNoise(CpuRole Role, string Cpus, double? StealPercent, double? IowaitPercent, double? IrqPercent,
    double? SoftirqPercent, double? InterferencePercent, double? MaxInterferencePercent = null);

/// <param name="ThrottledTimePercent">time the quota held the group stopped, as a share of the window: what the flag
/// judges. A period counts as throttled for a stop of a few µs (the kernel hands quota out in 5 ms slices, so a
/// multi-threaded target whose quota equals its CPU set is stopped briefly now and then: seen here, 1 to 5 periods
/// of 50 for 0.2 to 3 ms in all), so the share of periods overstates what the target lost</param>
public sealed record CgroupThrottling(long Periods, long ThrottledPeriods, double ThrottledSeconds, double ThrottledTimePercent)
{
    public double ThrottledPercent => Periods == 0 ? 0 : Math.Round(100.0 * ThrottledPeriods / Periods, 2);

    public static CgroupThrottling From(CgroupCpuStat d, double windowSeconds) => new(d.Periods, d.Throttled, Math.Round(d.ThrottledSeconds, 4),
        TimePercent(d.ThrottledSeconds, windowSeconds));

    public static double TimePercent(double throttledSeconds, double windowSeconds) =>
        windowSeconds <= 0 ? 0 : Math.Round(100 * throttledSeconds / windowSeconds, 3);
}

/// <summary>A process that ran on a pinned CPU set during the window, seen on it at the window's end.</summary>
public sealed record InterferingProcess(int Pid, string Comm, CpuRole Cpus, double CpuPercent);

/// <summary>The cores' clock over the window (read at its start and end): absent figures when the machine exposes none (no cpufreq).</summary>
public sealed record CpuFrequency(bool Available, double? MinMhz = null, double? MaxMhz = null)
{
    public static CpuFrequency Unavailable { get; } = new(false);
}
