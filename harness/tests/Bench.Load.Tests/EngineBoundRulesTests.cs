using Bench.Load.Bound;
using Bench.Load.Monitoring;

namespace Bench.Load.Tests;

/// <summary>The reasons a run is taken as engine-bound, on synthetic figures; and the schedstat parser on recorded text.</summary>
public class EngineBoundRulesTests
{
    // A healthy closed-model run: engine at 40 % CPU, a few µs per request in the engine, every connection busy.
    private static readonly EngineEvidence Healthy = new()
    {
        CpuPercent = 40, BatchWaitUs = 3, RefillWaitUs = 4, EngineWaitUs = 7, EngineWaitShare = 0.005,
        BusyConnections = 0.99, RunQueueMs = 2, RunQueueShare = 0.0002, RunQueueWaitPerSliceUs = 20, CeilingRequestsPerSecond = 150_000, CeilingFraction = 0.3,
    };

    [Fact]
    public void A_healthy_run_has_no_reason()
    {
        var verdict = EngineBound.From(Healthy, closedModel: true);
        Assert.False(verdict.Bound);
        Assert.Empty(verdict.Reasons);
    }

    public static TheoryData<string, EngineBoundReason> OneReasonEach => new()
    {
        // the old rule, kept: the engine's cores saturated
        { "cpu", EngineBoundReason.EngineCpu },
        // rust-axum /plaintext in results/sample/local-default: ~100 µs of an ~820 µs cycle inside the engine
        { "wait", EngineBoundReason.EngineWait },
        { "idle", EngineBoundReason.IdleConnections },
        // a CPU hog on the engine's core: half the window waiting for the CPU, while the engine's own CPU stays low
        { "runq", EngineBoundReason.RunQueue },
        { "ceiling", EngineBoundReason.NearCeiling },
    };

    [Theory]
    [MemberData(nameof(OneReasonEach))]
    public void Each_figure_past_its_threshold_is_a_reason_of_its_own(string which, EngineBoundReason expected)
    {
        var e = which switch
        {
            "cpu" => Healthy with { CpuPercent = 95 },
            "wait" => Healthy with { EngineWaitUs = 150, EngineWaitShare = 0.18 },
            "idle" => Healthy with { BusyConnections = 0.82 },
            "runq" => Healthy with { CpuPercent = 10.9, RunQueueShare = 0.58, RunQueueWaitPerSliceUs = 451 },
            _ => Healthy with { CeilingFraction = 0.85 },
        };
        var verdict = EngineBound.From(e, closedModel: true);
        Assert.True(verdict.Bound);
        Assert.Equal([expected], verdict.Reasons);
    }

    [Fact]
    public void Figures_just_inside_the_thresholds_are_no_reason()
    {
        var e = Healthy with
        {
            CpuPercent = EngineBoundRules.MaxCpuPercent, EngineWaitShare = EngineBoundRules.MaxEngineWaitShare,
            BusyConnections = EngineBoundRules.MinBusyConnections, RunQueueShare = EngineBoundRules.MaxRunQueueShare,
            CeilingFraction = EngineBoundRules.MaxCeilingFraction,
        };
        Assert.Empty(EngineBoundRules.Reasons(e, closedModel: true));
    }

    [Fact]
    public void Wake_up_latency_on_a_busy_machine_is_not_a_neighbour_on_the_engines_core()
    {
        // measured here: an engine waiting on a 5 ms server, the machine busy with compilers, no hog on its core
        var e = Healthy with { RunQueueShare = 0.13, RunQueueWaitPerSliceUs = 135 };
        Assert.Empty(EngineBoundRules.Reasons(e, closedModel: true));
    }

    [Fact]
    public void Idle_connections_are_judged_in_the_closed_model_only()
    {
        // an open model below its connections' capacity leaves them idle by design
        var e = Healthy with { BusyConnections = 0.3 };
        Assert.Empty(EngineBoundRules.Reasons(e, closedModel: false));
        Assert.Equal([EngineBoundReason.IdleConnections], EngineBoundRules.Reasons(e, closedModel: true));
    }

    [Fact]
    public void Absent_figures_fire_no_reason()
    {
        var e = new EngineEvidence { CpuPercent = 30, Notes = ["no engine ceiling"] };
        Assert.Empty(EngineBoundRules.Reasons(e, closedModel: true));
    }

    [Fact]
    public void Several_reasons_are_all_reported()
    {
        var e = Healthy with { CpuPercent = 97, EngineWaitShare = 0.2, BusyConnections = 0.8 };
        Assert.Equal([EngineBoundReason.EngineCpu, EngineBoundReason.EngineWait, EngineBoundReason.IdleConnections],
            EngineBoundRules.Reasons(e, closedModel: true));
    }

    [Theory]
    [InlineData("3987817 26717213 2\n", 3987817, 26717213, 2)] // read from /proc/thread-self/schedstat on this machine
    [InlineData("1520044953 871209 1194", 1520044953, 871209, 1194)]
    public void Schedstat_lines_are_parsed(string text, long run, long wait, long slices)
    {
        Assert.True(SchedStat.TryParse(text, out var s));
        Assert.Equal(new SchedStat(run, wait, slices), s);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 34")]
    [InlineData("12 34 56 78")]
    [InlineData("12 -34 56")]
    [InlineData("a b c")]
    public void Anything_else_is_not_a_schedstat_line(string text) => Assert.False(SchedStat.TryParse(text, out _));

    [Fact]
    public void This_threads_schedstat_is_readable_and_grows()
    {
        var before = SchedStat.OfCurrentThread();
        Assert.NotNull(before); // the kernels bench supports keep schedstat (CONFIG_SCHED_INFO)
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 20;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) { } // 50 ms on a CPU
        var after = SchedStat.OfCurrentThread()!.Value;
        Assert.True(after.RunNs > before.Value.RunNs);
        Assert.True(after.WaitNs >= before.Value.WaitNs);
    }
}
