using Bench.Core.Scenarios;
using Bench.Pipeline.Machine;
using Bench.Runtime.Database;
using Bench.Runtime.Processes;

namespace Bench.Pipeline;

/// <summary>What every trial of one run shares: the database, the JWT key, the core layout, the timing mode.</summary>
public sealed record RunContext
{
    public required IPostgresServer Database { get; init; }
    public required string JwtSecret { get; init; }
    public required CpuLayout Cpus { get; init; }
    public int DbPoolSize { get; init; } = 16;
    /// <summary>--quick: short windows for a first look; the figures are flagged as such in the settings.</summary>
    public bool Quick { get; init; }
    /// <summary>The engine's calibrated ceiling on this machine (`bench calibrate`), or null: trials then say none is known.</summary>
    public Bench.Load.Bound.EngineCeiling? EngineCeiling { get; init; }
    /// <summary>embedded, external or docker: recorded with the results.</summary>
    public string DatabaseKind { get; init; } = "embedded";
    /// <summary>How many times a trial the machine disturbed (stolen, throttled, interference) is run again (--retries).</summary>
    public int Retries { get; init; } = 2;
    /// <summary>Measure the run's A/A noise floor (one extra trial per round of the first scenario).</summary>
    public bool NoiseFloor { get; init; } = true;
    public MachineThresholds MachineThresholds { get; init; } = MachineThresholds.Default;
    /// <summary>The claims catalog judged when the run completes (results.json `claims[]`); null: no claims are judged.</summary>
    public Core.Claims.ClaimCatalog? Claims { get; init; }
    /// <summary>Where <see cref="Claims"/> came from, recorded in the settings (a resumed run must judge with the same file).</summary>
    public Results.ClaimsFile? ClaimsFile { get; init; }
    /// <summary>The database's processes, looked up once by the orchestrator; null when unknown (an external server).</summary>
    public ProcessGroup? DatabaseProcesses { get; init; }

    /// <summary>The trials of each cell of the run on <paramref name="runtime"/> (<see cref="Pipeline.ClaimCells.Trials"/>).</summary>
    public CellTrials Cells(IReadOnlyList<Scenario> scenarios, IReadOnlyCollection<Core.Targets.TargetManifest> targets, int trials, string runtime) =>
        Pipeline.ClaimCells.Trials(Claims, scenarios, trials, Quick, targets, TargetsNamed, Here(Cpus, runtime));

    /// <summary>
    /// What decides whether a claim can be judged in this run: the runtime and the target's cores, counted as its CPU
    /// set's size (a quota may give it fewer, never more: a part this leaves in may still turn out untestable, never
    /// the other way round).
    /// </summary>
    public static Bench.Stats.Claims.ClaimContext Here(CpuLayout cpus, string runtime) =>
        new(runtime, Bench.Runtime.Targets.CpuList.Parse(cpus.TargetCpus).Count);
    /// <summary>--targets named the targets: without --quick each is measured on every scenario, whatever its coverage.</summary>
    public bool TargetsNamed { get; init; }

    /// <summary>
    /// Trials per cell unless --trials says otherwise. 5 by default; --quick 4, the fewest for which the
    /// two-sample 95 % bound exists (with 4 against 4 the bounds are the extreme pairwise ratios: 2/70 = 2.9 %
    /// outside); there the cells a one-sample rule reads get 6 (<see cref="Pipeline.ClaimCells"/>). Scenarios whose
    /// claims need more in a default run say so (trials).
    /// </summary>
    public const int DefaultTrials = 5, QuickTrials = 4;

    /// <summary>--quick's window and warmup for a scenario that names none of its own (load.quick).</summary>
    /// <remarks>300 ms at 64 connections is thousands of requests on every target here (node's 10k req/s: 3,000);
    /// the budget (5 min for every claim) goes to more trials rather than longer windows.</remarks>
    public static readonly TimeSpan QuickDuration = TimeSpan.FromMilliseconds(300), QuickWarmup = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The first closed-model scenario a fresh target serves warms up until its throughput is steady, at least
    /// <see cref="FirstWarmup"/> and at most <see cref="FirstMaxWarmup"/>, whatever the scenario says: that is
    /// where a JIT-compiled runtime tiers up (ASP.NET Core's /plaintext here: ~35k req/s for 16 s, then 66k),
    /// and the scenarios after it in the same session find it warm. The steady test itself needs 15 s
    /// (<see cref="SteadyState"/>: three 5 s windows). --quick: the general quick warmup, doubled; a scenario that
    /// names its own quick warmup (the connection storms, the fixed rates) has chosen it for a first position too.
    /// </summary>
    /// <remarks>At most 20 s, not 30: a target still moving after 20 s is flagged (warmupSteady false) either way, and
    /// on 2 cores go-nethttp's /plaintext, sharing the machine with the engine at its ceiling, never held within 5 %
    /// (31 s); deno's /json took 29 s. With 30 s those first warmups alone put a default run 4 min over its 45.</remarks>
    public static readonly TimeSpan FirstWarmup = TimeSpan.FromSeconds(10), FirstMaxWarmup = TimeSpan.FromSeconds(20);

    /// <summary>The first open-model scenario of a session warms up at least this long (fixed): at a rate below saturation the JIT gets CPU time to tier up.</summary>
    public static readonly TimeSpan FirstOpenWarmup = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The measured window, the least warmup, and the most (null: a fixed warmup), for a scenario that is
    /// <paramref name="first"/> in its session (its target is fresh) or not. --quick never warms up until steady.
    /// </summary>
    public (TimeSpan Duration, TimeSpan Warmup, TimeSpan? MaxWarmup) Timing(Scenario s, bool first = false) => TimingFor(s, Quick, first);

    /// <inheritdoc cref="Timing"/>
    public static (TimeSpan Duration, TimeSpan Warmup, TimeSpan? MaxWarmup) TimingFor(Scenario s, bool quick, bool first)
    {
        if (quick)
        {
            var duration = s.Load.Quick?.Duration ?? Min(s.Load.Duration, QuickDuration);
            var warmup = s.Load.Quick?.Warmup ?? Min(s.Load.Warmup, QuickWarmup);
            return (duration, first && s.Load.Quick?.Warmup is null ? warmup * 2 : warmup, null);
        }
        if (!first) return (s.Load.Duration, s.Load.Warmup, s.Load.MaxWarmup);
        return s.Load.Model == LoadKind.Closed
            ? (s.Load.Duration, Max(s.Load.Warmup, FirstWarmup), Max(s.Load.MaxWarmup ?? TimeSpan.Zero, FirstMaxWarmup))
            : (s.Load.Duration, Max(s.Load.Warmup, FirstOpenWarmup), s.Load.MaxWarmup);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
