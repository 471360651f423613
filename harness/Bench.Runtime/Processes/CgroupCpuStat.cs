using Bench.Runtime.Resources;

namespace Bench.Runtime.Processes;

/// <summary>
/// A cgroup's CFS throttling counters, from its cpu.stat: cgroup v1 writes <c>nr_periods</c>,
/// <c>nr_throttled</c> and <c>throttled_time</c> (ns); v2 writes <c>nr_periods</c>, <c>nr_throttled</c> and
/// <c>throttled_usec</c>. A period is throttled when the group used up its quota before the period ended:
/// its processes then wait, runnable, until the next period, whatever the cores are doing.
/// </summary>
public readonly record struct CgroupCpuStat(long Periods, long Throttled, double ThrottledSeconds)
{
    /// <summary>Null when the file holds none of the counters (no cpu controller, or no quota support).</summary>
    public static CgroupCpuStat? Parse(string text)
    {
        var values = KeyedFile.Parse(text);
        if (!values.TryGetValue("nr_periods", out var periods) || !values.TryGetValue("nr_throttled", out var throttled)) return null;
        var seconds = values.TryGetValue("throttled_time", out var ns) ? ns / 1e9 // v1: nanoseconds
            : values.TryGetValue("throttled_usec", out var us) ? us / 1e6 // v2: microseconds
            : 0;
        return new CgroupCpuStat(periods, throttled, seconds);
    }

    /// <summary>The counters in the cpu.stat of <paramref name="group"/>; null when it cannot be read.</summary>
    public static CgroupCpuStat? TryRead(CgroupFiles group)
    {
        try { return Parse(File.ReadAllText(group.CpuStat)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The counters accumulated since <paramref name="earlier"/>; null when one went backwards (the group was recreated, a counter reset).</summary>
    public CgroupCpuStat? Since(CgroupCpuStat earlier)
    {
        var d = new CgroupCpuStat(Periods - earlier.Periods, Throttled - earlier.Throttled, ThrottledSeconds - earlier.ThrottledSeconds);
        return d.Periods < 0 || d.Throttled < 0 || d.ThrottledSeconds < 0 ? null : d;
    }
}
