namespace Bench.Load.Bound;

/// <summary>
/// What the engine saw of itself during the measured window: the figures <see cref="EngineBoundRules"/>
/// judge, recorded with every run so a reader can check the verdict. A figure the harness could not
/// measure is absent, and <see cref="Notes"/> says why; none is ever guessed.
/// </summary>
public sealed record EngineEvidence
{
    /// <summary>The engine process's CPU use, % of the cores it may use (idle polling excluded).</summary>
    public double CpuPercent { get; init; }
    /// <summary>Mean µs per response between epoll returning and the response being handled (its place in the batch; part of the measured latency).</summary>
    public double BatchWaitUs { get; init; }
    /// <summary>Closed model: mean µs between a response being complete and the next request on its connection being written.</summary>
    public double RefillWaitUs { get; init; }
    /// <summary><see cref="BatchWaitUs"/> + <see cref="RefillWaitUs"/>: engine-internal time per request.</summary>
    public double EngineWaitUs { get; init; }
    /// <summary>
    /// <see cref="EngineWaitUs"/> ÷ the request cycle (mean latency + <see cref="RefillWaitUs"/>; the batch wait
    /// already lies inside the latency, since a response is stamped when it is handled). Absent without successes.
    /// </summary>
    public double? EngineWaitShare { get; init; }
    /// <summary>
    /// Closed, time-bounded model: req/s × mean latency ÷ (connections × pipeline), Little's law. 1 when every
    /// connection always had its requests at the target; well below 1, connections sat idle inside the engine.
    /// </summary>
    public double? BusyConnections { get; init; }
    /// <summary>Time the engine's worker threads waited on a run queue (schedstat), ms summed over the workers.</summary>
    public double? RunQueueMs { get; init; }
    /// <summary><see cref="RunQueueMs"/> ÷ (window × workers): the share of the window the engine wanted a CPU and had none.</summary>
    public double? RunQueueShare { get; init; }
    /// <summary>
    /// <see cref="RunQueueMs"/> per time the engine got a CPU, µs. A woken thread whose core only has other
    /// sleepers' short bursts to finish gets it within tens of µs; a CPU-bound process on its core makes it
    /// wait out its time slices (0.3–3 ms measured with a hog on the engine's core). Evidence for the reader; not judged.
    /// </summary>
    public double? RunQueueWaitPerSliceUs { get; init; }
    /// <summary>The engine's ceiling on this machine (`bench calibrate`), req/s, when one was measured for this configuration.</summary>
    public double? CeilingRequestsPerSecond { get; init; }
    /// <summary>When that ceiling was measured.</summary>
    public DateTime? CeilingMeasuredUtc { get; init; }
    /// <summary>This run's req/s ÷ the ceiling.</summary>
    public double? CeilingFraction { get; init; }
    /// <summary>Why a figure is absent (no calibration file, no schedstat, count-bounded run...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The verdict on a run: bound when any reason fired. Serialised as <c>engineBound</c>.</summary>
public sealed record EngineBound(bool Bound, IReadOnlyList<EngineBoundReason> Reasons, EngineEvidence Evidence)
{
    public static EngineBound From(EngineEvidence evidence, bool closedModel)
    {
        var reasons = EngineBoundRules.Reasons(evidence, closedModel);
        return new EngineBound(reasons.Count > 0, reasons, evidence);
    }
}
