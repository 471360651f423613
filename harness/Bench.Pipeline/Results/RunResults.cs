using Bench.Pipeline.Machine;


namespace Bench.Pipeline.Results;

/// <summary>The whole results.json: what ran, where, and every finished trial.</summary>
public sealed record RunResults
{
    /// <summary>3: `claims[]` and `claimsNoiseFloor` (2 had neither; a version-2 file still reads, claims absent).</summary>
    public const int CurrentSchemaVersion = 3;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required DateTime StartedUtc { get; init; }
    public DateTime? FinishedUtc { get; init; }
    /// <summary>
    /// <see cref="RunStatus"/>: `running` while the harness writes the file (or if it was killed: nothing
    /// updates the file any more), then `complete`, `interrupted` (Ctrl-C / SIGTERM) or `failed`.
    /// </summary>
    public string Status { get; init; } = RunStatus.Running;
    /// <summary>Why a `failed` run stopped.</summary>
    public string? Error { get; init; }
    public required EnvironmentInfo Environment { get; init; }
    public required RunSettings Settings { get; init; }
    /// <summary>The machine over the whole run; set when the run completes.</summary>
    public RunMachine? Machine { get; init; }
    /// <summary>The run's A/A noise floor; absent when its arms have no figures.</summary>
    public NoiseFloor? NoiseFloor { get; init; }
    /// <summary>The rates of the scenarios whose rate the run derived from another (<see cref="DerivedRate"/>), as they were resolved.</summary>
    public IReadOnlyList<DerivedRate> DerivedRates { get; init; } = [];
    /// <summary>
    /// Every catalog claim judged from this run's own trials; set when the run completes (an interrupted or failed
    /// run's partial rounds would favour whichever targets ran, so it gets none: `bench verdicts` still judges it on request).
    /// </summary>
    public IReadOnlyList<Stats.Claims.ClaimResult>? Claims { get; init; }
    /// <summary>The noise floor <see cref="Claims"/> were judged with (see RunVerdicts.NoiseFloor); present with them.</summary>
    public double? ClaimsNoiseFloor { get; init; }
    /// <summary>Each `bench run --resume` that continued this run, in order; absent for a run that was never resumed.</summary>
    public IReadOnlyList<ResumeRecord>? Resumes { get; init; }
    public IReadOnlyList<TrialResult> Trials { get; init; } = [];
}

/// <summary>One `bench run --resume`: when, with which harness, and the differences from the run's settings that --force let through.</summary>
public sealed record ResumeRecord(DateTime StartedUtc, string HarnessCommit, IReadOnlyList<string> Forced);

/// <summary>The claims catalog a run judges: its path and its content's SHA-256 (a resumed run must judge with the same).</summary>
public sealed record ClaimsFile(string Path, string Sha256)
{
    public static ClaimsFile Of(string path) =>
        new(System.IO.Path.GetFullPath(path), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant());
}

/// <summary>How the run was asked for, so a reader can reproduce it.</summary>
public sealed record RunSettings
{
    public required IReadOnlyList<string> Targets { get; init; }
    public required IReadOnlyList<ScenarioSettings> Scenarios { get; init; }
    public required int Trials { get; init; }
    public required bool Quick { get; init; }
    public required string EngineCpus { get; init; }
    public required string TargetCpus { get; init; }
    public required string DatabaseCpus { get; init; }
    public required int DbPoolSize { get; init; }
    public required string Database { get; init; }
    /// <summary>CPU quota and memory limit of every target, and what enforced them.</summary>
    public required Runtime.Targets.TargetLimits TargetLimits { get; init; }
    /// <summary>How many times a disturbed trial may be run again (--retries).</summary>
    public int Retries { get; init; }
    /// <summary>The claims catalog the run judges with (--claims); absent in runs written before it was recorded.</summary>
    public ClaimsFile? Claims { get; init; }
}

/// <param name="Trials">the trials this scenario got (--trials, or more when the scenario asks for more)</param>
/// <param name="Rate">a fixed rate as written; null for a rate derived in the run (see <see cref="RunResults.DerivedRates"/>)</param>
public sealed record ScenarioSettings(string Name, string Claim, string Method, string Path, Core.Scenarios.LoadKind Model, int Connections,
    double DurationSeconds, double WarmupSeconds, double? MaxWarmupSeconds, double? Rate, double? RampTo, int Pipeline,
    int Trials, Core.Scenarios.RateOf? RateOf);

/// <summary>The machine and software the figures belong to.</summary>
public sealed record EnvironmentInfo
{
    public required string CpuModel { get; init; }
    public required int Cores { get; init; }
    public required long MemoryBytes { get; init; }
    public required string Kernel { get; init; }
    public required string Os { get; init; }
    public required string Hostname { get; init; }
    public required string Runtime { get; init; }
    public required string HarnessCommit { get; init; }
    public required string HarnessDotnet { get; init; }
    /// <summary>Per target: language/framework as declared, and the toolchain version its versionCommand printed.</summary>
    public required IReadOnlyDictionary<string, TargetVersions> Targets { get; init; }
}

public sealed record TargetVersions(string Language, string LanguageVersion, string Framework, string FrameworkVersion, string Toolchain);

/// <summary>The values of <see cref="RunResults.Status"/>.</summary>
public static class RunStatus
{
    public const string Running = "running", Complete = "complete", Interrupted = "interrupted", Failed = "failed";
}
