using Bench.Load.Monitoring;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;

namespace Bench.Pipeline.Machine;

/// <summary>
/// Turns two <see cref="MachineMark"/>s into a window's <see cref="TrialMachine"/>.
/// Interference is measured by subtraction, per CPU set: process time (user + nice + system) that /proc/stat
/// counted on the set's CPUs, minus the CPU time of what the harness placed there (the target and the database
/// on theirs, the harness on the engine's), clamped at 0. Unlike adding up other processes, this misses
/// nothing: processes that came and went within the window, and threads that ran on the cores without being
/// seen there at the end, are in it. Interrupt and softirq time stay out (loopback traffic is serviced
/// there on behalf of the benchmark itself) and are reported beside steal. The /proc scan then only names the
/// culprits: processes that are none of the above, charged to the set of the CPU they last ran on.
/// </summary>
public static class MachineNoise
{
    /// <summary>Processes below this share of a set are not named: the scan's tick resolution is 10 ms.</summary>
    public const double NameAbovePercent = 0.5;
    /// <summary>The busiest few per CPU set: on a loaded machine one set's crowd must not hide the other's culprit.</summary>
    public const int MostNamedPerSet = 5;

    /// <param name="layout">which CPUs the engine, the target and the database were pinned to</param>
    /// <param name="targetSession">the target's session (its processes), to leave out of the named interferers</param>
    /// <param name="databaseSession">the database's session; null when unknown (an external server: on these cores it counts as interference)</param>
    public static TrialMachine Compute(MachineMark start, MachineMark end, CpuLayout layout, int? targetSession, int? databaseSession, int harnessPid)
    {
        var window = Math.Max(0, (end.Timestamp - start.Timestamp) / (double)System.Diagnostics.Stopwatch.Frequency);
        var sets = Sets(layout);
        // the database's cgroup where it has one (exact), else its processes' ticks from /proc
        double? databaseTicks = end.DatabaseCpuSeconds - start.DatabaseCpuSeconds is { } dbSeconds ? dbSeconds * MachineCpu.TicksPerSecond
            : databaseSession is { } db ? SessionTicks(start, end, db) : null;
        double? targetTicks = end.TargetCpuSeconds - start.TargetCpuSeconds is { } t ? t * MachineCpu.TicksPerSecond : null;
        var harnessTicks = (end.HarnessCpuSeconds - start.HarnessCpuSeconds) * MachineCpu.TicksPerSecond;

        var noise = new List<CpuSetNoise>();
        var totals = new Dictionary<CpuRole, long>();
        foreach (var (role, cpus, list) in sets)
        {
            var d = Delta(start.Cpus, end.Cpus, cpus);
            if (d is not { } times || times.Total <= 0)
            {
                noise.Add(new CpuSetNoise(role, list, null, null, null, null, null));
                continue;
            }
            totals[role] = times.Total;
            double? known = role switch
            {
                CpuRole.Engine => harnessTicks,
                CpuRole.Target when SameCpus(layout.DatabaseCpus, layout.TargetCpus) => targetTicks + (databaseTicks ?? 0),
                CpuRole.Target => targetTicks,
                _ => databaseTicks ?? 0,
            };
            double? foreign = known is { } k ? Math.Max(0, times.Processes - k) : null;
            noise.Add(new CpuSetNoise(role, list, Percent(times.Steal, times.Total), Percent(times.Iowait, times.Total),
                Percent(times.Irq, times.Total), Percent(times.Softirq, times.Total), foreign is { } f ? Percent(f, times.Total) : null));
        }

        return new TrialMachine
        {
            WindowSeconds = Math.Round(window, 3),
            CpuSets = noise,
            TargetThrottling = Throttling(start.TargetThrottling, end.TargetThrottling, window),
            DatabaseThrottling = Throttling(start.DatabaseThrottling, end.DatabaseThrottling, window),
            Interferers = Interferers(start, end, sets, totals, targetSession, databaseSession, harnessPid),
            Frequency = Frequency(start, end, sets.SelectMany(s => s.Cpus).ToHashSet()),
        };
    }

    /// <summary>The engine's set and the target's; the database's only when it has cores of its own.</summary>
    public static IReadOnlyList<(CpuRole Role, IReadOnlyList<int> Cpus, string List)> Sets(CpuLayout layout)
    {
        var sets = new List<(CpuRole, IReadOnlyList<int>, string)>
        {
            (CpuRole.Engine, CpuList.Parse(layout.EngineCpus), layout.EngineCpus),
            (CpuRole.Target, CpuList.Parse(layout.TargetCpus), layout.TargetCpus),
        };
        if (!SameCpus(layout.DatabaseCpus, layout.TargetCpus)) sets.Add((CpuRole.Database, CpuList.Parse(layout.DatabaseCpus), layout.DatabaseCpus));
        return sets;
    }

    private static bool SameCpus(string a, string b) => CpuList.Parse(a).Order().SequenceEqual(CpuList.Parse(b).Order());

    /// <summary>The set's counters between two /proc/stat readings; null when a CPU is missing from one or one of its counters went backwards.</summary>
    public static CpuTimes? Delta(IReadOnlyDictionary<int, CpuTimes> start, IReadOnlyDictionary<int, CpuTimes> end, IReadOnlyList<int> cpus)
    {
        var sum = new CpuTimes();
        foreach (var cpu in cpus)
        {
            if (!start.TryGetValue(cpu, out var a) || !end.TryGetValue(cpu, out var b) || b.Since(a) is not { } d) return null;
            sum += d;
        }
        return sum;
    }

    /// <summary>CPU ticks of a session's processes over the window; a process born in it counts from zero, one that ended in it is lost.</summary>
    /// <summary>
    /// A process of the group the harness started as session <paramref name="session"/>: in that session, or a child of
    /// its leader that made a session of its own (every PostgreSQL backend calls setsid(): matched by session alone,
    /// the database's own work showed as interference on every /db trial).
    /// </summary>
    private static bool InGroup(ProcessStat p, int? session) => session is { } s && (p.Session == s || p.ParentPid == s);

    private static long SessionTicks(MachineMark start, MachineMark end, int session) =>
        end.Processes.Values.Where(p => InGroup(p, session))
            .Sum(p => Math.Max(0, p.CpuTicks - (start.Processes.TryGetValue(p.Pid, out var s) && s.StartTicks == p.StartTicks ? s.CpuTicks : 0)));

    private static List<InterferingProcess> Interferers(MachineMark start, MachineMark end,
        IReadOnlyList<(CpuRole Role, IReadOnlyList<int> Cpus, string List)> sets, Dictionary<CpuRole, long> totals,
        int? targetSession, int? databaseSession, int harnessPid)
    {
        var named = new List<InterferingProcess>();
        foreach (var p in end.Processes.Values)
        {
            if (p.Pid == harnessPid || InGroup(p, targetSession) || InGroup(p, databaseSession)) continue;
            var before = start.Processes.TryGetValue(p.Pid, out var s) && s.StartTicks == p.StartTicks ? s.CpuTicks : 0;
            var ticks = p.CpuTicks - before;
            if (ticks <= 0) continue;
            var set = sets.FirstOrDefault(x => x.Cpus.Contains(p.Processor));
            if (set.Cpus is null || !totals.TryGetValue(set.Role, out var total)) continue;
            var percent = Percent(ticks, total);
            if (percent >= NameAbovePercent) named.Add(new InterferingProcess(p.Pid, p.Comm, set.Role, percent));
        }
        return [.. named.GroupBy(n => n.Cpus).SelectMany(g => g.OrderByDescending(n => n.CpuPercent).Take(MostNamedPerSet)).OrderByDescending(n => n.CpuPercent)];
    }

    private static CgroupThrottling? Throttling(CgroupCpuStat? start, CgroupCpuStat? end, double windowSeconds) =>
        start is { } a && end is { } b && b.Since(a) is { } d ? CgroupThrottling.From(d, windowSeconds) : null;

    private static CpuFrequency Frequency(MachineMark start, MachineMark end, HashSet<int> cpus)
    {
        var readings = start.FrequenciesMhz.Concat(end.FrequenciesMhz).Where(f => cpus.Contains(f.Key)).Select(f => f.Value).ToList();
        return readings.Count == 0 ? CpuFrequency.Unavailable : new CpuFrequency(true, readings.Min(), readings.Max());
    }

    internal static double Percent(double part, double total) => Math.Round(100 * part / total, 2);
}
