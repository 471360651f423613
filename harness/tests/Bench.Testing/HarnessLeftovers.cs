namespace Bench.Testing;

/// <summary>What a harness process (by pid) may leave behind besides target processes: its embedded PostgreSQL folders and its targets' cgroups.</summary>
public static class HarnessLeftovers
{
    /// <summary>The embedded clusters' folders of harness <paramref name="pid"/> (bench-pg-&lt;pid&gt;-*).</summary>
    public static string[] Clusters(int pid) => Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{pid}-*").ToArray();

    /// <summary>The targets' (and the database's accounting) cgroups of harness <paramref name="pid"/>, on v1 (cpu/bench, memory/bench) or v2 (bench).</summary>
    public static string[] Cgroups(int pid) =>
        new[] { "/sys/fs/cgroup/bench", "/sys/fs/cgroup/cpu/bench", "/sys/fs/cgroup/memory/bench" }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d, $"{pid}-*")).ToArray();

    /// <summary>Everything of harness <paramref name="pid"/> still there, one line each (empty when it cleaned up).</summary>
    public static List<string> Of(int pid) => [.. Clusters(pid).Select(c => $"cluster {c}"), .. Cgroups(pid).Select(c => $"cgroup {c}")];
}
