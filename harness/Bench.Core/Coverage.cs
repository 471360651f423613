namespace Bench.Core;

/// <summary>
/// Which cells a run without --quick measures, said by a target (target.yaml) or a scenario (its file).
/// <see cref="Every"/>: every one (the reference stacks, the report's full matrix).
/// <see cref="Claims"/>: those the claims catalog reads, as --quick does everywhere. A target: the stacks added
/// after the first five join a default run that way, or it would outgrow its time budget (nine targets on every
/// scenario: 70 min against 45). A scenario: one that exists for one claim (10,000 connections, Go's "massive
/// concurrency") measures the targets that claim names, not the rest of the matrix.
/// </summary>
public enum Coverage { Every, Claims }
