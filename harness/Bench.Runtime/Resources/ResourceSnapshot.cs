namespace Bench.Runtime.Resources;

/// <summary>
/// One reading of what a target uses right now: resident memory of all its processes (or its container),
/// and the CPU time they have consumed since start. CPU time is cumulative so a trial's cost is end − start.
/// </summary>
public readonly record struct ResourceSnapshot(long RssBytes, double CpuSeconds);
