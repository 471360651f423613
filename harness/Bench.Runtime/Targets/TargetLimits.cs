namespace Bench.Runtime.Targets;

/// <summary>
/// The budget every target of a run gets beyond its CPU set, and what enforces it; recorded in results.json
/// so a reader knows whether a memory figure was measured under a limit.
/// </summary>
/// <param name="CpuQuotaCores">CFS quota in cores (equal to the CPU set's size), or null when none is enforced</param>
/// <param name="MemoryBytes">memory limit, or null when none is enforced</param>
/// <param name="EnforcedBy">"docker", "cgroup v1", "cgroup v2", or "none: &lt;why&gt;"</param>
/// <param name="OpenFiles">RLIMIT_NOFILE (soft = hard) every target gets (<see cref="Processes.OpenFileBudget"/>); set by both runtimes, whatever enforces the rest</param>
public sealed record TargetLimits(double? CpuQuotaCores, long? MemoryBytes, string EnforcedBy, ulong? OpenFiles = null)
{
    public static TargetLimits None(string why, ulong? openFiles = null) => new(null, null, $"none: {why}", openFiles);

    public override string ToString() => (CpuQuotaCores is null && MemoryBytes is null
        ? $"no CPU quota or memory limit ({EnforcedBy})"
        : $"CPU quota {CpuQuotaCores:0.##} core(s), memory limit {(MemoryBytes is { } m ? $"{m / (1024.0 * 1024):0} MiB" : "none")} ({EnforcedBy})")
        + (OpenFiles is { } files ? $", {files} open files" : "");
}
