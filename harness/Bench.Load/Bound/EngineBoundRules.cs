namespace Bench.Load.Bound;

/// <summary>
/// When a run's throughput is the engine's, not the target's. Any one reason is enough: each looks at the
/// bottleneck from a different side (the engine's CPU, the time requests spend inside it, the connections
/// it leaves idle, the CPU another process takes from it, the fastest it has been seen to go here).
/// </summary>
public static class EngineBoundRules
{
    /// <summary>
    /// The engine process's CPU share above which it is taken as saturated. Not lower: busy polling is
    /// subtracted but syscall accounting is coarse, and a healthy engine at 80 % still answers at once.
    /// </summary>
    public const double MaxCpuPercent = 90;

    /// <summary>
    /// Share of a request's cycle spent inside the engine. A healthy engine hands a response on in a few µs
    /// of a cycle of hundreds (the sample runs' other targets kept 0.96–1.0 of their connections busy, i.e. ≤ 4 %
    /// of the cycle outside the target); rust-axum /plaintext, engine at 89 % CPU, spent
    /// ~18 %. Above a tenth, a faster generator would have asked the target measurably more often.
    /// </summary>
    public const double MaxEngineWaitShare = 0.10;

    /// <summary>
    /// Little's law busy fraction below which the closed model's connections sat idle in the engine. The
    /// sample runs kept 0.96–1.0 busy; the saturated rust-axum run 0.82. Closed model only: an open model
    /// leaves connections idle by design.
    /// </summary>
    public const double MinBusyConnections = 0.9;

    /// <summary>
    /// Share of the window the engine's threads were runnable but not running. Sharing its core with a CPU
    /// hog, an engine waited 58–79 % of the window here while its own CPU use read 7–15 %. Wake-up latency
    /// alone, on this 2-core machine busy with compilers, reached 11–13 % for an engine that mostly slept
    /// (waiting on a 5 ms server), costing each request ~40 µs of 5 ms. A quarter of the window without the
    /// CPU it asked for means its load had gaps the target did not cause.
    /// </summary>
    public const double MaxRunQueueShare = 0.25;

    /// <summary>
    /// Fraction of the calibrated ceiling (the engine against a server that does nothing) above which the
    /// engine, not the target, may be what stops throughput from rising: the ceiling itself varies by a few %
    /// between runs, and near it the engine's own cost is a large part of every cycle.
    /// </summary>
    public const double MaxCeilingFraction = 0.80;

    public static IReadOnlyList<EngineBoundReason> Reasons(EngineEvidence e, bool closedModel)
    {
        var reasons = new List<EngineBoundReason>();
        if (e.CpuPercent > MaxCpuPercent) reasons.Add(EngineBoundReason.EngineCpu);
        if (e.EngineWaitShare > MaxEngineWaitShare) reasons.Add(EngineBoundReason.EngineWait);
        if (closedModel && e.BusyConnections < MinBusyConnections) reasons.Add(EngineBoundReason.IdleConnections);
        if (e.RunQueueShare > MaxRunQueueShare) reasons.Add(EngineBoundReason.RunQueue);
        if (e.CeilingFraction > MaxCeilingFraction) reasons.Add(EngineBoundReason.NearCeiling);
        return reasons;
    }
}
