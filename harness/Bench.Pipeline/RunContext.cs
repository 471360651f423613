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
    /// <summary>The database's processes, looked up once by the orchestrator; null when unknown (an external server).</summary>
    public ProcessGroup? DatabaseProcesses { get; init; }

    public static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(3), QuickWarmup = TimeSpan.FromSeconds(1);

    /// <summary>The measured window, the least warmup, and the most (null: a fixed warmup). --quick warms up briefly, never until steady.</summary>
    public (TimeSpan Duration, TimeSpan Warmup, TimeSpan? MaxWarmup) Timing(Scenario s) =>
        Quick ? (Min(s.Load.Duration, QuickDuration), Min(s.Load.Warmup, QuickWarmup), null) : (s.Load.Duration, s.Load.Warmup, s.Load.MaxWarmup);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
