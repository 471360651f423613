namespace Bench.Runtime.Resources;

/// <summary>
/// One reading of what a target uses right now, and the CPU time it has consumed since it started (cumulative,
/// so a window's cost is end − start).
/// </summary>
/// <param name="MemoryBytes">
/// From a cgroup (both runtimes): usage minus the inactive file cache, the figure <c>docker stats</c> shows
/// and Kubernetes calls the working set. Without a cgroup: RSS summed over the target's processes.
/// </param>
/// <param name="KernelPeakBytes">the kernel's high-water mark of the cgroup's usage (page cache included) since the group was made; null where the kernel keeps none</param>
/// <param name="AnonBytes">anonymous memory (heaps, stacks) from memory.stat; null without a cgroup</param>
/// <param name="FileBytes">page cache charged to the group (mapped binaries and libraries, files read or written) from memory.stat</param>
public readonly record struct ResourceSnapshot(long MemoryBytes, double CpuSeconds, long? KernelPeakBytes = null, long? AnonBytes = null, long? FileBytes = null);
