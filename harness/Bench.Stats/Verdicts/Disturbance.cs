namespace Bench.Stats.Verdicts;

/// <summary>
/// Machine noise that took a trial's cores away from the target (detected by the run, one flag per kind), or a
/// load generator that could not keep an open model's schedule. A disturbed trial never confirms or refutes a
/// claim on its own: it is left out of the bounds.
/// </summary>
[Flags]
public enum Disturbance
{
    None = 0,
    /// <summary>The hypervisor gave the vCPU to someone else (steal time).</summary>
    Stolen = 1,
    /// <summary>The target's CPU quota throttled it.</summary>
    Throttled = 2,
    /// <summary>Other processes ran on the target's or the engine's cores.</summary>
    Interference = 4,
    /// <summary>
    /// Open model only, latency only: the load engine was the bottleneck, so requests left late for its own
    /// reasons and the coordinated-omission-corrected latency charges that delay to the target.
    /// </summary>
    LoadGenerator = 8,
}
