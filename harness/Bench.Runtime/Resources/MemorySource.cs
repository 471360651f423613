using System.Text.Json.Serialization;

namespace Bench.Runtime.Resources;

/// <summary>Where a target's memory and CPU figures were read (results.json <c>memorySource</c>).</summary>
public enum MemorySource
{
    /// <summary>The target's cgroup files, v1 (a local target's own group, or its container's).</summary>
    [JsonStringEnumMemberName("cgroup v1")] CgroupV1,
    [JsonStringEnumMemberName("cgroup v2")] CgroupV2,
    /// <summary>The Docker engine's stats stream (a remote engine): the same cgroup figures, once a second.</summary>
    [JsonStringEnumMemberName("docker stats")] DockerStats,
    /// <summary>No cgroup: RSS and CPU time summed over the target's processes from /proc (shared pages counted once per process).</summary>
    [JsonStringEnumMemberName("proc rss")] ProcRss,
}
