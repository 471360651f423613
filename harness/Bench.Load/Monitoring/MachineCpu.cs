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
/// CPU time of the whole machine, of one process and of this process's reaped children (Linux). On a
/// shared machine these tell how much of a measurement's CPU went to somebody else: machine busy time
/// minus what the server, the generator and their helpers used.
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

    /// <summary>User + system time of process <paramref name="pid"/> and its reaped children; zero once it is gone.</summary>
    public static TimeSpan OfProcess(int pid) =>
        ProcessStat.TryRead(pid) is { } p ? TimeSpan.FromSeconds((p.CpuTicks + p.ChildrenCpuTicks) / TicksPerSecond) : TimeSpan.Zero;

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

/// <summary>
/// The fields of /proc/PID/stat the harness reads. comm (field 2) may hold spaces and parentheses, so the
/// other fields are counted from its last ')'.
/// </summary>
/// <param name="StartTicks">when the process started, in ticks after boot: with the pid, it tells a process from a later one that reused its pid
/// (its comm cannot: kernel workers rename themselves after the work they do)</param>
public sealed record ProcessStat(int Pid, string Comm, char State, int Session, long UserTicks, long SystemTicks,
    long ChildrenCpuTicks, long StartTicks, int Processor)
{
    public long CpuTicks => UserTicks + SystemTicks;

    /// <summary>Null when the process is gone (or its file is unreadable).</summary>
    public static ProcessStat? TryRead(int pid)
    {
        try { return Parse(File.ReadAllText($"/proc/{pid}/stat")); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static ProcessStat? Parse(string stat)
    {
        int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.Length) return null;
        // after ')': state is field 3, session 6, utime 14, stime 15, cutime 16, cstime 17, starttime 22, processor 39
        var f = stat[(close + 2)..].Split(' ');
        if (f.Length < 37) return null;
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return new ProcessStat(int.Parse(stat.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture), stat[(open + 1)..close], f[0][0],
            (int)L(6), L(14), L(15), L(16) + L(17), L(22), (int)L(39));
    }
}
