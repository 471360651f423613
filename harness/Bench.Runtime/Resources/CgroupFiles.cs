namespace Bench.Runtime.Resources;

public enum CgroupVersion { V1, V2 }

/// <summary>
/// Where one cgroup's files are: on v2 one folder; on v1 a folder per controller hierarchy (memory,
/// cpuacct for CPU time, cpu for the quota and its throttling in cpu.stat). The same description serves a
/// local target's own group and a container's group, so both runtimes are read by <see cref="CgroupReader"/>.
/// </summary>
public sealed record CgroupFiles(CgroupVersion Version, string MemoryDirectory, string CpuAccountingDirectory, string CpuDirectory)
{
    public static CgroupFiles V2(string directory) => new(CgroupVersion.V2, directory, directory, directory);

    /// <summary>"cgroup v1" or "cgroup v2", as results.json names the source.</summary>
    public string Kind => Version == CgroupVersion.V1 ? "cgroup v1" : "cgroup v2";

    /// <summary>nr_periods, nr_throttled and throttled time (v1 throttled_time in ns, v2 throttled_usec), plus v2's usage_usec.</summary>
    public string CpuStat => Path.Combine(CpuDirectory, "cpu.stat");
    public string MemoryStat => Path.Combine(MemoryDirectory, "memory.stat");
    public string MemoryUsage => Path.Combine(MemoryDirectory, Version == CgroupVersion.V1 ? "memory.usage_in_bytes" : "memory.current");
    /// <summary>The kernel's own high-water mark of the usage (v2: memory.peak, kernel 5.19 and later).</summary>
    public string MemoryPeak => Path.Combine(MemoryDirectory, Version == CgroupVersion.V1 ? "memory.max_usage_in_bytes" : "memory.peak");
    /// <summary>v1 cpuacct.usage (ns); on v2 the CPU time is usage_usec in <see cref="CpuStat"/>.</summary>
    public string CpuUsage => Version == CgroupVersion.V1 ? Path.Combine(CpuAccountingDirectory, "cpuacct.usage") : CpuStat;
    /// <summary>The processes in the group (v1: the memory hierarchy's view; every target process joins all hierarchies).</summary>
    public string Procs => Path.Combine(MemoryDirectory, "cgroup.procs");

    /// <summary>The pids in the group now (empty when it is gone).</summary>
    public IReadOnlyList<int> Members()
    {
        try { return [.. File.ReadAllLines(Procs).Where(l => l.Length > 0).Select(int.Parse)]; }
        catch (IOException) { return []; }
    }

    /// <summary>
    /// The group a process is in, from /proc/PID/cgroup and this process's view of the cgroup mounts; null
    /// when the files cannot be found or read from here (another pid or mount namespace, no permission).
    /// </summary>
    public static CgroupFiles? OfProcess(long pid)
    {
        try
        {
            if (pid <= 0) return null;
            return Resolve(File.ReadAllText($"/proc/{pid}/cgroup"), File.ReadAllText("/proc/self/mountinfo"), File.Exists);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The group named in <paramref name="procCgroup"/> (a /proc/PID/cgroup) under the mounts of
    /// <paramref name="mountinfo"/>: v1 when its memory, cpuacct and cpu hierarchies hold the group's files
    /// (on a hybrid machine the controllers live there, not in the unified mount), else v2's unified folder.
    /// </summary>
    /// <param name="fileExists">whether a file exists (File.Exists; tests give their own)</param>
    public static CgroupFiles? Resolve(string procCgroup, string mountinfo, Func<string, bool> fileExists)
    {
        var memberships = procCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 3)).Where(p => p.Length == 3).ToList();
        var mounts = CgroupMounts(mountinfo);

        string? V1(string controller)
        {
            var line = memberships.FirstOrDefault(p => p[1].Split(',').Contains(controller));
            if (line is null) return null;
            var mount = mounts.FirstOrDefault(m => !m.V2 && m.Controllers.Contains(controller));
            return mount.Point is null ? null : Join(mount, line[2]);
        }

        if (V1("memory") is { } memory && V1("cpuacct") is { } cpuacct && V1("cpu") is { } cpu
            && fileExists(Path.Combine(memory, "memory.usage_in_bytes")) && fileExists(Path.Combine(cpuacct, "cpuacct.usage")))
            return new CgroupFiles(CgroupVersion.V1, memory, cpuacct, cpu);

        var unified = memberships.FirstOrDefault(p => p[0] == "0" && p[1] == "");
        var v2Mount = mounts.FirstOrDefault(m => m.V2);
        if (unified is not null && v2Mount.Point is not null)
        {
            var dir = Join(v2Mount, unified[2]);
            if (fileExists(Path.Combine(dir, "memory.current")) && fileExists(Path.Combine(dir, "cpu.stat"))) return V2(dir);
        }
        return null;
    }

    private static string Join((string Point, string Root, string[] Controllers, bool V2) mount, string path)
    {
        // A mount of a sub-tree (the harness in a container of its own) shows paths below its root.
        if (mount.Root != "/" && path.StartsWith(mount.Root, StringComparison.Ordinal)) path = path[mount.Root.Length..];
        return mount.Point + path.TrimEnd('/');
    }

    /// <summary>The cgroup mounts of a mountinfo: "36 25 0:31 &lt;root&gt; &lt;mount point&gt; &lt;options&gt; ... - &lt;fstype&gt; &lt;source&gt; &lt;super options&gt;".</summary>
    private static List<(string Point, string Root, string[] Controllers, bool V2)> CgroupMounts(string mountinfo)
    {
        var mounts = new List<(string, string, string[], bool)>();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var halves = line.Split(" - ", 2);
            if (halves.Length != 2) continue;
            var left = halves[0].Split(' ');
            var right = halves[1].Split(' ');
            if (left.Length < 5 || right.Length < 3) continue;
            if (right[0] == "cgroup") mounts.Add((Unescape(left[4]), Unescape(left[3]), right[2].Split(','), false));
            else if (right[0] == "cgroup2") mounts.Add((Unescape(left[4]), Unescape(left[3]), [], true));
        }
        return mounts;
    }

    private static string Unescape(string s) => s.Replace("\\040", " ");
}
