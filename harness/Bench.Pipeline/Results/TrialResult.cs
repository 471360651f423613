using Bench.Load;
using Bench.Pipeline.Machine;

namespace Bench.Pipeline.Results;

/// <summary>
/// One target under one scenario, once. Field names are the results.json schema (results/SCHEMA.md);
/// change them only with a new <see cref="RunResults.CurrentSchemaVersion"/>.
/// </summary>
public sealed record TrialResult
{
    public required string Target { get; init; }
    public required string Scenario { get; init; }
    public required int Trial { get; init; }
    /// <summary>
    /// The scenario's place in its session: 1 when its target was fresh (started for it), k when the same
    /// target had served k − 1 scenarios before it (the idle and peak memory then carry what they left).
    /// </summary>
    public int Position { get; init; } = 1;
    public required string Runtime { get; init; }
    public required DateTime StartedUtc { get; init; }

    /// <summary>Set when the trial could not be measured (target failed to start, crashed...): every figure below is absent.</summary>
    public string? Failure { get; init; }

    public double? RequestsPerSecond { get; init; }
    public long? Requests { get; init; }
    public double? DurationSeconds { get; init; }
    public LatencySummary? Latency { get; init; }
    public ErrorSummary? Errors { get; init; }
    public OpenModelSummary? OpenModel { get; init; }
    /// <summary>Requests the window's end left unanswered (in flight or, open model, not yet sent); see LoadResult.UnfinishedAtEnd.</summary>
    public long? UnfinishedAtEnd { get; init; }
    public bool LoadGeneratorBound { get; init; }
    /// <summary>Why the engine may have been the bottleneck (reasons) and the figures judged; throughput of a bound trial is a lower bound.</summary>
    public Bench.Load.Bound.EngineBound? EngineBound { get; init; }
    public double? EngineCpuPercent { get; init; }

    /// <summary>How long the unrecorded warmup before the window ran (until steady, when the scenario allows).</summary>
    public double? WarmupSeconds { get; init; }
    /// <summary>False when a warmup that was to run until steady hit its maximum first; null for a fixed warmup.</summary>
    public bool? WarmupSteady { get; init; }
    /// <summary>
    /// Database scenarios: how long the scenario's load ran, before the warmup, until the target's pool was open
    /// (<see cref="PoolWarmup"/>); 0 when it already was, from an earlier scenario of the session.
    /// </summary>
    public double? PoolWarmupSeconds { get; init; }
    /// <summary>The PostgreSQL sessions (besides the harness's) when the pool warmup ended: the pool the target opened.</summary>
    public int? DatabaseSessions { get; init; }

    /// <summary>The exec of the target's program (local) or its container's start (Docker) → first 200 on /healthz; see <see cref="StartupClock"/>.</summary>
    public double? StartupMs { get; init; }
    /// <summary>What <see cref="StartupMs"/> covers.</summary>
    public Runtime.Targets.StartupClock? StartupClock { get; init; }
    /// <summary>Between the last /healthz poll without a 200 and the first with one: the start-up figure's resolution.</summary>
    public double? StartupPollMs { get; init; }
    /// <summary>The target's memory after start-up, before any load: its cgroup's usage minus inactive file cache (see <see cref="MemorySource"/>).</summary>
    public long? IdleRssBytes { get; init; }
    /// <summary>The highest reading of the same figure during the measured window (polled at 20 Hz).</summary>
    public long? PeakRssBytes { get; init; }
    /// <summary>Where the memory and CPU figures were read: the target's cgroup (v1, v2), Docker's stats stream, or /proc.</summary>
    public Runtime.Resources.MemorySource? MemorySource { get; init; }
    /// <summary>The kernel's high-water mark of the cgroup's usage (page cache included) from start-up to the window's end.</summary>
    public long? KernelPeakBytes { get; init; }
    /// <summary>Anonymous memory and page cache of the group at the peak reading (memory.stat).</summary>
    public long? PeakAnonBytes { get; init; }
    public long? PeakFileBytes { get; init; }
    /// <summary>Proportional set size summed over the target's processes at idle, and its highest reading (about 1 Hz) in the window.</summary>
    public long? IdlePssBytes { get; init; }
    public long? PeakPssBytes { get; init; }
    /// <summary>CPU time the target used during the measured window.</summary>
    public double? TargetCpuSeconds { get; init; }
    /// <summary>Successful requests per CPU-second of the target: efficiency independent of how many cores it got.</summary>
    public double? RequestsPerCpuSecond { get; init; }
    /// <summary>CPU time the database server (all its processes) used during the same window; absent for an external server.</summary>
    public double? DatabaseCpuSeconds { get; init; }
    /// <summary>Successful requests per CPU-second of the target and the database together.</summary>
    public double? RequestsPerCpuSecondWithDatabase { get; init; }
    /// <summary>Binary / publish folder size (local), image size (Docker).</summary>
    public long? ArtifactBytes { get; init; }
    /// <summary>Relative to the results folder; HdrHistogram log of every successful request's latency.</summary>
    public string? HistogramFile { get; init; }
    public IReadOnlyList<LoadSecond>? Timeline { get; init; }

    /// <summary>1 for a trial's first run; a trial disturbed by the machine is run again (same position in the order) as attempt 2, 3...</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>True on an attempt that was disturbed and run again: the next attempt replaces it in every figure.</summary>
    public bool? Retried { get; init; }
    /// <summary>Set on the trials of the run's A/A comparison (see <see cref="NoiseFloor"/>); A2 trials count for nothing else.</summary>
    public NoiseArm? Arm { get; init; }
    /// <summary>What the machine did to the measured window: steal, throttling, interference, clock.</summary>
    public TrialMachine? Machine { get; init; }

    /// <summary>Why a reader should not take this trial's figures at face value (empty when there is no reason).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// Whether this trial's figures are its target's: not an attempt a retry replaced, not the A/A comparison's extra
    /// arm (A2). Failed trials count (as failures). Derived, so not written to results.json.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsTargetsFigure => Retried != true && Arm != NoiseArm.A2;

    /// <summary>A result that says which trial it is and nothing more yet: the figures are added with <c>with</c>.</summary>
    public static TrialResult Of(PlannedTrial planned, string runtime, DateTime started) => new()
    {
        Target = planned.Target.Name,
        Scenario = planned.Scenario.Name,
        Trial = planned.Trial,
        Attempt = planned.Attempt,
        Arm = planned.Arm,
        Position = planned.Position,
        Runtime = runtime,
        StartedUtc = started,
    };
}
