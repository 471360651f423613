using System.Diagnostics;
using Bench.Load.Monitoring;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;

namespace Bench.Pipeline.Machine;

/// <summary>
/// Everything the machine-noise figures compare, read at one instant: per-CPU time counters, the CPU time
/// of the target and of the harness, the target's and the database's throttling counters, every process's
/// CPU time and last CPU, and the cores' clock where the machine exposes it. Two marks bracket a window.
/// </summary>
public sealed record MachineMark
{
    public required long Timestamp { get; init; }
    /// <summary>/proc/stat's line per CPU.</summary>
    public required IReadOnlyDictionary<int, CpuTimes> Cpus { get; init; }
    /// <summary>The target's cumulative CPU time, as its runtime measures it (cgroup, session, container); null when the reading failed.</summary>
    public double? TargetCpuSeconds { get; init; }
    /// <summary>
    /// The database's cumulative CPU time from its accounting cgroup (nanoseconds, exact), null where it has none:
    /// summed from /proc over its many backends, per-process tick rounding alone came to ±5-15 % of a short window.
    /// </summary>
    public double? DatabaseCpuSeconds { get; init; }
    /// <summary>This process (the load engine and the rest of the harness).</summary>
    public required double HarnessCpuSeconds { get; init; }
    public CgroupCpuStat? TargetThrottling { get; init; }
    public CgroupCpuStat? DatabaseThrottling { get; init; }
    /// <summary>Every process visible in /proc, by pid.</summary>
    public required IReadOnlyDictionary<int, ProcessStat> Processes { get; init; }
    /// <summary>Current clock of each CPU that reports one (cpufreq), in MHz; empty when none does.</summary>
    public IReadOnlyDictionary<int, double> FrequenciesMhz { get; init; } = new Dictionary<int, double>();

    /// <summary>Reads a mark. The /proc scan costs a few milliseconds on the harness's (engine's) cores, outside the load.</summary>
    public static async Task<MachineMark> TakeAsync(IRunningTarget target, ProcessGroup? targetGroup, ProcessGroup? databaseGroup, CancellationToken ct,
        Func<CancellationToken, Task<double?>>? databaseCpu = null)
    {
        var databaseSeconds = databaseCpu is null ? null : await databaseCpu(ct);
        double? targetCpu;
        try { targetCpu = (await target.SampleAsync(ct)).CpuSeconds; }
        catch (Exception e) when (e is not OperationCanceledException) { targetCpu = null; }
        return new MachineMark
        {
            Timestamp = Stopwatch.GetTimestamp(),
            Cpus = MachineCpu.ReadStat().PerCpu,
            TargetCpuSeconds = targetCpu,
            HarnessCpuSeconds = Environment.CpuUsage.TotalTime.TotalSeconds,
            DatabaseCpuSeconds = databaseSeconds,
            TargetThrottling = targetGroup?.Cgroup is { } t ? CgroupCpuStat.TryRead(t) : null,
            DatabaseThrottling = databaseGroup?.Cgroup is { } d ? CgroupCpuStat.TryRead(d) : null,
            Processes = ScanProcesses(),
            FrequenciesMhz = ReadFrequencies(),
        };
    }

    private static Dictionary<int, ProcessStat> ScanProcesses()
    {
        var all = new Dictionary<int, ProcessStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcessStat.TryRead(pid) is { } stat)
                all[pid] = stat;
        return all;
    }

    /// <summary>scaling_cur_freq (kHz) of every CPU that has cpufreq; many virtual machines (this one too) have none.</summary>
    private static Dictionary<int, double> ReadFrequencies()
    {
        var mhz = new Dictionary<int, double>();
        for (var cpu = 0; cpu < Environment.ProcessorCount; cpu++)
        {
            try
            {
                var file = $"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_cur_freq";
                if (File.Exists(file) && long.TryParse(File.ReadAllText(file).Trim(), out var khz)) mhz[cpu] = khz / 1000.0;
            }
            catch (IOException) { }
        }
        return mhz;
    }
}
