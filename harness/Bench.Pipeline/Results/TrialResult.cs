using Bench.Load;

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
    public double? EngineCpuPercent { get; init; }

    /// <summary>How long the unrecorded warmup before the window ran (until steady, when the scenario allows).</summary>
    public double? WarmupSeconds { get; init; }
    /// <summary>False when a warmup that was to run until steady hit its maximum first; null for a fixed warmup.</summary>
    public bool? WarmupSteady { get; init; }

    /// <summary>Process/container start → first 200 on /healthz.</summary>
    public double? StartupMs { get; init; }
    /// <summary>Resident memory after start-up, before any load.</summary>
    public long? IdleRssBytes { get; init; }
    public long? PeakRssBytes { get; init; }
    /// <summary>CPU time the target used during the measured window.</summary>
    public double? TargetCpuSeconds { get; init; }
    /// <summary>Successful requests per CPU-second of the target: efficiency independent of how many cores it got.</summary>
    public double? RequestsPerCpuSecond { get; init; }
    /// <summary>Binary / publish folder size (local), image size (Docker).</summary>
    public long? ArtifactBytes { get; init; }
    /// <summary>Relative to the results folder; HdrHistogram log of every successful request's latency.</summary>
    public string? HistogramFile { get; init; }
    public IReadOnlyList<LoadSecond>? Timeline { get; init; }

    /// <summary>Why a reader should not take this trial's figures at face value (empty when there is no reason).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}
