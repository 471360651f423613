namespace Bench.Runtime.Resources;

/// <summary>
/// Reads a cgroup's memory and CPU time: the one reader of a target's cgroup files, for a local target's
/// own group and for a container's alike. Each read is a few small virtual files, cheap at 20 Hz.
/// </summary>
public sealed class CgroupReader(CgroupFiles files)
{
    public CgroupFiles Files { get; } = files;

    public MemorySource Source => Files.Version == CgroupVersion.V1 ? MemorySource.CgroupV1 : MemorySource.CgroupV2;

    private readonly bool _hasPeak = File.Exists(files.MemoryPeak);

    public ResourceSnapshot Read()
    {
        var usage = long.Parse(File.ReadAllText(Files.MemoryUsage).AsSpan().Trim());
        var stat = KeyedFile.Read(Files.MemoryStat);
        var v1 = Files.Version == CgroupVersion.V1;
        // v1 reports the hierarchy's totals as total_*; its anonymous memory is total_rss (total_anon on some kernels)
        long? Stat(params string[] keys) => keys.Select(k => stat.TryGetValue(k, out var v) ? v : (long?)null).FirstOrDefault(v => v is not null);
        var inactiveFile = (v1 ? Stat("total_inactive_file") : Stat("inactive_file")) ?? 0;
        return new ResourceSnapshot(
            MemoryBytes: inactiveFile < usage ? usage - inactiveFile : usage,
            CpuSeconds: CpuSeconds(),
            KernelPeakBytes: _hasPeak ? long.Parse(File.ReadAllText(Files.MemoryPeak).AsSpan().Trim()) : null,
            AnonBytes: v1 ? Stat("total_rss", "total_anon") : Stat("anon"),
            FileBytes: v1 ? Stat("total_cache", "total_file") : Stat("file"));
    }

    /// <summary>CPU time of every process that ever ran in the group (exited ones included), in seconds.</summary>
    public double CpuSeconds() => Files.Version == CgroupVersion.V1
        ? long.Parse(File.ReadAllText(Files.CpuUsage).AsSpan().Trim()) / 1e9
        : (KeyedFile.Read(Files.CpuStat).GetValueOrDefault("usage_usec")) / 1e6;
}
