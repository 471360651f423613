namespace Bench.Load;

/// <summary>One second of a run, reported live through <see cref="IProgress{T}"/> and kept in the result's timeline.</summary>
/// <param name="Second">seconds since the start of the run, warmup included (0-based)</param>
/// <param name="Warmup">this second belongs to the warmup and is not part of the result's totals</param>
/// <param name="Requests">successful responses completed in this second</param>
/// <param name="P50Us">median latency of this second's successes (µs, ~1 % resolution), 0 when none</param>
/// <param name="P99Us">99th percentile of this second's successes (µs), 0 when none</param>
/// <param name="Errors">errors of every class in this second</param>
/// <param name="EngineCpuPercent">how busy the engine kept its cores in this second (0–100)</param>
public sealed record LoadSecond(int Second, bool Warmup, long Requests, long P50Us, long P99Us, long Errors, double EngineCpuPercent);
