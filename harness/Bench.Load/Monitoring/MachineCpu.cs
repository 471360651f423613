using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Load.Monitoring;

/// <summary>
/// One CPU's (or the machine's) time counters from /proc/stat, in USER_HZ ticks since boot. guest and
/// guest_nice are already inside user and nice, so they are not read separately.
/// </summary>
public readonly record struct CpuTimes(long User, long Nice, long System, long Idle, long Iowait, long Irq, long Softirq, long Steal)
{
    public long Total => User + Nice + System + Idle + Iowait + Irq + Softirq + Steal;

    /// <summary>Time spent running something: processes (user, nice, system), interrupts, and time a hypervisor took (steal).</summary>
    public long Busy => User + Nice + System + Irq + Softirq + Steal;

    /// <summary>Time processes ran (user, nice, system): what can be charged to a process, unlike interrupts and steal.</summary>
    public long Processes => User + Nice + System;

    /// <summary>
    /// The counters accumulated since <paramref name="earlier"/>; null when any of them went backwards (a CPU
    /// taken offline and back, a hypervisor resetting steal, a counter that wrapped): that interval is unknown,
    /// never negative.
    /// </summary>
    public CpuTimes? Since(CpuTimes earlier)
    {
        var d = new CpuTimes(User - earlier.User, Nice - earlier.Nice, System - earlier.System, Idle - earlier.Idle,
            Iowait - earlier.Iowait, Irq - earlier.Irq, Softirq - earlier.Softirq, Steal - earlier.Steal);
        return d.User < 0 || d.Nice < 0 || d.System < 0 || d.Idle < 0 || d.Iowait < 0 || d.Irq < 0 || d.Softirq < 0 || d.Steal < 0
            ? null : d;
    }

    public static CpuTimes operator +(CpuTimes a, CpuTimes b) => new(a.User + b.User, a.Nice + b.Nice, a.System + b.System,
        a.Idle + b.Idle, a.Iowait + b.Iowait, a.Irq + b.Irq, a.Softirq + b.Softirq, a.Steal + b.Steal);
}

/// <summary>
/// CPU time of the whole machine and of this process's reaped children (Linux); a process's own is
/// Bench.Runtime's ProcessStat. On a shared machine these tell how much of a measurement's CPU went to
/// somebody else: machine busy time minus what the server, the generator and their helpers used.
/// </summary>
public static partial class MachineCpu
{
    public const double TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux for /proc

    /// <summary>Busy time summed over all CPUs since boot (user, nice, system, irq, softirq, steal).</summary>
    public static TimeSpan Busy() => TimeSpan.FromSeconds(ParseStat(File.ReadAllText("/proc/stat")).All.Busy / TicksPerSecond);

    /// <summary>/proc/stat as it is now: the machine's line and one per online CPU.</summary>
    public static (CpuTimes All, IReadOnlyDictionary<int, CpuTimes> PerCpu) ReadStat() => ParseStat(File.ReadAllText("/proc/stat"));

    /// <summary>
    /// Parses the "cpu" lines of /proc/stat ("cpu  user nice system idle iowait irq softirq steal guest guest_nice",
    /// then "cpuN ..." for each online CPU). Older kernels stop before steal: absent columns read as 0.
    /// </summary>
    public static (CpuTimes All, IReadOnlyDictionary<int, CpuTimes> PerCpu) ParseStat(string text)
    {
        CpuTimes? all = null;
        var perCpu = new Dictionary<int, CpuTimes>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long At(int i) => i < f.Length ? long.Parse(f[i], CultureInfo.InvariantCulture) : 0;
            var times = new CpuTimes(At(1), At(2), At(3), At(4), At(5), At(6), At(7), At(8));
            if (f[0] == "cpu") all = times;
            else if (int.TryParse(f[0].AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var cpu)) perCpu[cpu] = times;
        }
        return (all ?? throw new FormatException("/proc/stat has no aggregate \"cpu\" line"), perCpu);
    }

    /// <summary>CPU time of this process's children that have exited and been waited for (e.g. a finished wrk).</summary>
    public static unsafe TimeSpan ReapedChildren()
    {
        var usage = stackalloc long[18]; // struct rusage: two timevals, then 14 longs
        if (getrusage(-1 /* RUSAGE_CHILDREN */, usage) != 0) return TimeSpan.Zero;
        return TimeSpan.FromSeconds(usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6);
    }

    [LibraryImport("libc")]
    private static unsafe partial int getrusage(int who, long* usage);
}
