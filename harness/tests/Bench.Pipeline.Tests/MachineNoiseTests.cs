using System.Diagnostics;
using Bench.Load.Monitoring;
using Bench.Pipeline.Machine;
using Bench.Runtime.Processes;

namespace Bench.Pipeline.Tests;

/// <summary>
/// Steal, interference and throttling of a window, from recorded /proc/stat, /proc/PID/stat and cpu.stat
/// readings (engine on CPU 0, target and database on CPU 1, as on a 2-core machine).
/// </summary>
public class MachineNoiseTests
{
    private static readonly CpuLayout Layout = new("0", "1", "1");
    private const int Harness = 100, TargetSession = 200, DatabaseSession = 300;

    // Recorded at the start of a 3 s window (300 ticks per CPU).
    private const string StatStart = """
        cpu  10956 0 7223 21891 290 0 180 0 0 0
        cpu0 5402 0 3457 11317 23 0 73 0 0 0
        cpu1 5553 0 3765 10574 267 0 107 0 0 0
        """;

    // Engine CPU: 150 user + 60 system = 210 process ticks. Target CPU: 200 user + 50 system = 250, 18 steal.
    private const string StatEnd = """
        cpu  11306 0 7333 21992 290 0 201 18 0 0
        cpu0 5552 0 3517 11401 23 0 79 0 0 0
        cpu1 5753 0 3815 10591 267 0 122 18 0 0
        """;

    private static ProcessStat P(int pid, string comm, int session, long ticks, int cpu, long started = 1000, int parent = 1) =>
        new(pid, comm, 'R', session, ticks, 0, 0, started, cpu, RssPages: 0, ParentPid: parent);

    private static MachineMark Mark(string stat, double seconds, double targetCpu, double harnessCpu, IEnumerable<ProcessStat> processes,
        CgroupCpuStat? throttling = null) => new()
    {
        Timestamp = (long)(seconds * Stopwatch.Frequency),
        Cpus = MachineCpu.ParseStat(stat).PerCpu,
        TargetCpuSeconds = targetCpu,
        HarnessCpuSeconds = harnessCpu,
        TargetThrottling = throttling,
        Processes = processes.ToDictionary(p => p.Pid),
    };

    private static readonly MachineMark Start = Mark(StatStart, 0, targetCpu: 10.0, harnessCpu: 5.0,
        [P(Harness, "bench", 1, 500, 0), P(TargetSession, "go-nethttp", TargetSession, 1000, 1), P(DatabaseSession, "postgres", DatabaseSession, 1000, 1),
         P(301, "postgres", DatabaseSession, 40, 1), P(900, "yes", 900, 100, 1), P(950, "sshd", 950, 5, 0)],
        new CgroupCpuStat(100, 2, 0.01));

    // Over the window: target 2.0 s (200 ticks), database 15 + 5 ticks, harness 2.0 s (200 ticks), a hog 30 ticks on CPU 1.
    private static readonly MachineMark End = Mark(StatEnd, 3, targetCpu: 12.0, harnessCpu: 7.0,
        [P(Harness, "bench", 1, 700, 0), P(TargetSession, "go-nethttp", TargetSession, 1200, 1), P(DatabaseSession, "postgres", DatabaseSession, 1015, 1),
         P(301, "postgres", DatabaseSession, 45, 1), P(900, "yes", 900, 130, 1), P(950, "sshd", 950, 6, 0)],
        new CgroupCpuStat(130, 2, 0.01));

    private static TrialMachine Compute(MachineMark start, MachineMark end, int? database = DatabaseSession) =>
        MachineNoise.Compute(start, end, Layout, TargetSession, database, Harness);

    [Fact]
    public void Steal_and_interrupt_time_are_shares_of_each_CPU_sets_time()
    {
        var m = Compute(Start, End);
        Assert.Equal(3.0, m.WindowSeconds);
        var engine = m.CpuSets.Single(s => s.Role == CpuRole.Engine);
        var target = m.CpuSets.Single(s => s.Role == CpuRole.Target);
        Assert.Equal("1", target.Cpus);
        Assert.Equal(0, engine.StealPercent);
        Assert.Equal(6.0, target.StealPercent); // 18 of 300 ticks
        Assert.Equal(5.0, target.SoftirqPercent); // 15 of 300
        Assert.Equal(2.0, engine.SoftirqPercent); // 6 of 300
        Assert.Equal(2, m.CpuSets.Count); // the database shares the target's CPU: no set of its own
    }

    [Fact]
    public void Interference_is_process_time_on_the_set_minus_what_the_harness_put_there()
    {
        var m = Compute(Start, End);
        // target CPU: 250 process ticks − target 200 − database 20 = 30 ticks = 10 %
        Assert.Equal(10.0, m.CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
        // engine CPU: 210 − harness 200 = 10 ticks
        Assert.Equal(3.33, m.CpuSets.Single(s => s.Role == CpuRole.Engine).InterferencePercent);
        var hog = Assert.Single(m.Interferers); // sshd's 1 tick is under the naming threshold
        Assert.Equal(new InterferingProcess(900, "yes", CpuRole.Target, 10.0), hog);
    }

    [Fact]
    public void A_database_backend_in_a_session_of_its_own_is_the_databases_work_not_interference()
    {
        // PostgreSQL's backends call setsid(): session = their own pid, parent = the postmaster (the session the harness started)
        ProcessStat[] Backend(long ticks) => [P(302, "postgres", 302, ticks, 1, parent: DatabaseSession)];
        var m = Compute(Start with { Processes = Start.Processes.Values.Concat(Backend(100)).ToDictionary(p => p.Pid) },
            End with { Processes = End.Processes.Values.Concat(Backend(130)).ToDictionary(p => p.Pid) });
        // the statistics don't change (the /proc/stat lines are the same), but the backend's 30 ticks are the database's:
        // target CPU: 250 − target 200 − database (20 + 30) = 0 ticks, and only the hog is named
        Assert.Equal(0.0, m.CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
        Assert.DoesNotContain(m.Interferers, p => p.Comm == "postgres");
    }

    [Fact]
    public void The_databases_cgroup_time_when_it_has_one_replaces_its_processes_ticks()
    {
        // /proc says the database took 20 ticks; its cgroup (exact, nanoseconds) says 0.5 s = 50 ticks. Target CPU:
        // 250 process ticks − target 200 − database 50 = 0 interference (from /proc it was 30 ticks, 10 %).
        var m = Compute(Start with { DatabaseCpuSeconds = 3.0 }, End with { DatabaseCpuSeconds = 3.5 });
        Assert.Equal(0.0, m.CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
        // only one mark with a reading (the cgroup vanished): back to /proc
        Assert.Equal(10.0, Compute(Start with { DatabaseCpuSeconds = 3.0 }, End).CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
    }

    [Fact]
    public void A_worker_that_renamed_itself_is_charged_its_window_and_a_reused_pid_its_whole_life()
    {
        // kernel workers take the name of the work they do: the same process at both marks, under two names
        var renamed = End with { Processes = End.Processes.Values.Select(p => p.Pid == 900 ? p with { Comm = "kworker/u8:0-events" } : p).ToDictionary(p => p.Pid) };
        Assert.Equal(10.0, Assert.Single(Compute(Start, renamed).Interferers).CpuPercent);
        // a later process under the pid of one that ended: everything it used is within the window
        var reused = End with { Processes = End.Processes.Values.Select(p => p.Pid == 950 ? p with { StartTicks = 5000, UserTicks = 30, Processor = 1 } : p).ToDictionary(p => p.Pid) };
        Assert.Contains(new InterferingProcess(950, "sshd", CpuRole.Target, 10.0), Compute(Start, reused).Interferers);
    }

    [Fact]
    public void Each_CPU_set_names_its_own_busiest_so_a_crowd_on_one_hides_nothing_on_the_other()
    {
        var crowd = Enumerable.Range(0, 8).Select(i => P(2000 + i, "csc", 2000 + i, 60, 0)).ToList(); // 20 % each, on the engine's CPU
        var m = Compute(Start with { Processes = Start.Processes.Values.Concat(crowd.Select(p => p with { UserTicks = 0 })).ToDictionary(p => p.Pid) },
            End with { Processes = End.Processes.Values.Concat(crowd).ToDictionary(p => p.Pid) });
        Assert.Equal(MachineNoise.MostNamedPerSet, m.Interferers.Count(p => p.Cpus == CpuRole.Engine));
        Assert.Contains(m.Interferers, p => p.Comm == "yes" && p.Cpus == CpuRole.Target);
    }

    [Fact]
    public void An_unknown_database_counts_as_interference_on_its_cores()
    {
        // --database-url: whatever the server does on these cores is somebody else's work
        var m = Compute(Start, End, database: null);
        Assert.Equal(16.67, m.CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
    }

    [Fact]
    public void More_known_CPU_than_the_cores_counted_is_clamped_at_zero()
    {
        var m = Compute(Start, End with { TargetCpuSeconds = 14.0 }); // the runtime's accounting is finer than /proc/stat's ticks
        Assert.Equal(0, m.CpuSets.Single(s => s.Role == CpuRole.Target).InterferencePercent);
    }

    [Fact]
    public void A_counter_that_reset_makes_that_set_unknown_and_raises_no_flag()
    {
        var reset = End with { Cpus = MachineCpu.ParseStat(StatEnd.Replace("cpu1 5753 0 3815 10591 267 0 122 18", "cpu1 5753 0 3815 10591 267 0 122 0")).PerCpu };
        var start = Start with { Cpus = MachineCpu.ParseStat(StatStart.Replace("cpu1 5553 0 3765 10574 267 0 107 0", "cpu1 5553 0 3765 10574 267 0 107 40")).PerCpu };
        var m = Compute(start, reset);
        var target = m.CpuSets.Single(s => s.Role == CpuRole.Target);
        Assert.Null(target.StealPercent);
        Assert.Null(target.InterferencePercent);
        Assert.Equal(0, m.CpuSets.Single(s => s.Role == CpuRole.Engine).StealPercent); // the other set is still known
        Assert.DoesNotContain(TrialFlags.Stolen, TrialFlags.ForMachine(m, MachineThresholds.Default));
    }

    [Fact]
    public void Throttling_is_the_cgroups_periods_over_the_window()
    {
        var m = Compute(Start, End with { TargetThrottling = new CgroupCpuStat(130, 3, 0.06) });
        Assert.Equal(new CgroupThrottling(30, 1, 0.05, 1.667), m.TargetThrottling); // 0.05 s stopped of a 3 s window
        Assert.Equal(3.33, m.TargetThrottling!.ThrottledPercent);
        Assert.Null(m.DatabaseThrottling); // the embedded database has no cgroup
        Assert.Null(Compute(Start, End with { TargetThrottling = new CgroupCpuStat(5, 0, 0) }).TargetThrottling); // group recreated: unknown
    }

    [Fact]
    public void A_machine_without_cpufreq_says_so()
    {
        Assert.Equal(CpuFrequency.Unavailable, Compute(Start, End).Frequency);
        var clocked = Compute(Start with { FrequenciesMhz = new Dictionary<int, double> { [0] = 2400, [1] = 1800 } },
            End with { FrequenciesMhz = new Dictionary<int, double> { [0] = 3100, [1] = 2000 } });
        Assert.Equal(new CpuFrequency(true, 1800, 3100), clocked.Frequency);
    }

    [Fact]
    public void Flags_rise_above_their_thresholds_and_not_below()
    {
        var m = Compute(Start, End with { TargetThrottling = new CgroupCpuStat(130, 3, 0.06) });
        Assert.Equal([TrialFlags.Stolen, TrialFlags.Throttled, TrialFlags.Interference], TrialFlags.ForMachine(m, MachineThresholds.Default));
        // the same window judged by looser limits: 6 % steal, 1.67 % of the time throttled, 10 % interference
        Assert.Empty(TrialFlags.ForMachine(m, new MachineThresholds(StealPercent: 6, InterferencePercent: 10, ThrottledTimePercent: 1.7)));
        // one period of 30 throttled for 0.2 ms (the kernel's quota slices, seen on every ASP.NET Core trial here) is no disturbance
        var brief = Compute(Start, End with { TargetThrottling = new CgroupCpuStat(130, 3, 0.0102) });
        Assert.Equal(3.33, brief.TargetThrottling!.ThrottledPercent);
        Assert.DoesNotContain(TrialFlags.Throttled, TrialFlags.ForMachine(brief, MachineThresholds.Default));
        Assert.True(TrialFlags.IsDisturbed([TrialFlags.Unsteady, TrialFlags.Interference]));
        Assert.False(TrialFlags.IsDisturbed([TrialFlags.Unsteady, TrialFlags.Errors]));
    }
}
