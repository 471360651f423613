using Bench.Pipeline.Machine;

namespace Bench.Pipeline.Results;

/// <summary>The whole results.json: what ran, where, and every finished trial.</summary>
public sealed record RunResults
{
    public const int CurrentSchemaVersion = 2;

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
    public IReadOnlyList<TrialResult> Trials { get; init; } = [];
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
}

public sealed record ScenarioSettings(string Name, string Claim, string Method, string Path, string Model, int Connections,
    double DurationSeconds, double WarmupSeconds, double? MaxWarmupSeconds, double? Rate, double? RampTo, int Pipeline);

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
