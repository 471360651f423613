using Bench.Runtime.Resources;

namespace Bench.Runtime.Processes;

/// <summary>
/// A cgroup for one local target: a CFS CPU quota and a memory limit, the same two limits Docker sets, so
/// the local runtime gives every target the same budget too, and the target's memory and CPU time are read
/// from the group's files as a container's are (<see cref="Files"/>). Works on cgroup v2 (unified) and v1 (one
/// hierarchy per controller) where this process may create cgroups (root, writable hierarchy); elsewhere
/// <see cref="Probe"/> says why not, and targets are only pinned with taskset.
/// The target joins the group itself before it execs (<see cref="JoinPrefix"/>), so every process it forks
/// (node:cluster workers) is inside from its first instruction. Groups are named
/// <c>bench/&lt;harness pid&gt;-&lt;n&gt;</c>: the next harness removes those a killed one left.
/// </summary>
public sealed class TargetCgroup : IDisposable
{
    public const long PeriodUs = 100_000;
    private static int _sequence;
    private static int _swept;
    private readonly IReadOnlyList<string> _dirs;

    private TargetCgroup(IReadOnlyList<string> dirs, CgroupFiles files)
    {
        _dirs = dirs;
        Files = files;
    }

    /// <summary>The cgroup folders (one on v2; cpu, memory and cpuacct on v1).</summary>
    public IReadOnlyList<string> Directories => _dirs;

    /// <summary>The group's files, for <see cref="CgroupReader"/> (memory, CPU time) and throttling (cpu.stat).</summary>
    public CgroupFiles Files { get; }

    /// <summary>"cgroup v2" or "cgroup v1" when groups can be made here; otherwise null and the reason.</summary>
    public static (string? Kind, string? Unavailable) Probe(string root = "/sys/fs/cgroup")
    {
        var layout = Layout.Detect(root);
        if (layout is null) return (null, $"no cgroup hierarchy with the cpu and memory controllers under {root}");
        try
        {
            foreach (var parent in layout.Parents) Directory.CreateDirectory(parent);
            layout.EnableControllers();
            return (layout.Kind, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot create cgroups under {root} ({e.Message}); run as root, or use --runtime docker");
        }
    }

    /// <summary>Creates a group with the given limits; throws <see cref="Core.BenchException"/> when it cannot.</summary>
    public static TargetCgroup Create(double cpuQuotaCores, long memoryBytes, string root = "/sys/fs/cgroup") =>
        Create((cpuQuotaCores, memoryBytes), root);

    /// <summary>A group without limits, only to account for what its processes use (the embedded PostgreSQL's CPU time).</summary>
    public static TargetCgroup CreateForAccounting(string root = "/sys/fs/cgroup") => Create(null, root);

    private static TargetCgroup Create((double CpuQuotaCores, long MemoryBytes)? limits, string root)
    {
        var layout = Layout.Detect(root) ?? throw new Core.BenchException($"no usable cgroup hierarchy under {root}");
        if (Interlocked.Exchange(ref _swept, 1) == 0) SweepOrphans(root);
        var name = $"{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}";
        var dirs = layout.Parents.Select(p => Path.Combine(p, name)).ToList();
        var group = new TargetCgroup(dirs, layout.Files(dirs));
        try
        {
            foreach (var d in dirs) Directory.CreateDirectory(d);
            if (limits is var (cores, memory)) layout.SetLimits(dirs, (long)Math.Round(cores * PeriodUs), memory);
            return group;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            group.Dispose();
            throw new Core.BenchException($"cannot set up the target's cgroup ({e.Message}); run as root, or use --runtime docker");
        }
    }

    /// <summary>
    /// Arguments placed before the target's command: a shell that writes its own pid into each group and
    /// then execs the command, so the pid the harness sees stays the target's.
    /// </summary>
    public IReadOnlyList<string> JoinPrefix()
    {
        var joins = string.Join(" && ", _dirs.Select(d => $"echo $$ > '{Path.Combine(d, "cgroup.procs")}'"));
        return ["sh", "-c", $"{joins} || exit 125; exec \"$@\"", "bench-cgroup"];
    }

    /// <summary>Removes the groups; the target's processes must be gone (a group with members cannot be removed).</summary>
    public void Dispose()
    {
        foreach (var d in _dirs) RemoveWhenEmpty(d);
    }

    /// <summary>Removes the groups of harnesses that are gone, killing whatever still runs in them.</summary>
    public static int SweepOrphans(string root = "/sys/fs/cgroup")
    {
        var layout = Layout.Detect(root);
        if (layout is null) return 0;
        var removed = 0;
        foreach (var parent in layout.Parents.Where(Directory.Exists))
        foreach (var dir in Directory.EnumerateDirectories(parent))
        {
            var owner = Path.GetFileName(dir).Split('-')[0];
            if (!int.TryParse(owner, out var pid) || pid == Environment.ProcessId || Native.Exists(pid)) continue;
            foreach (var member in Members(dir)) Native.Kill(member, Native.SIGKILL);
            if (RemoveWhenEmpty(dir)) removed++;
        }
        return removed;
    }

    private static IEnumerable<int> Members(string dir)
    {
        try { return File.ReadAllLines(Path.Combine(dir, "cgroup.procs")).Select(int.Parse).ToList(); }
        catch (IOException) { return []; }
    }

    // A group empties a moment after its last process is reaped: retry briefly.
    private static bool RemoveWhenEmpty(string dir)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                if (!Directory.Exists(dir)) return true;
                Directory.Delete(dir); // rmdir: cgroup folders hold only virtual files
                return true;
            }
            catch (IOException) { Thread.Sleep(20); }
            catch (UnauthorizedAccessException) { return false; }
        }
        return false;
    }

    /// <summary>Where the cpu and memory controllers live, and how limits are written there.</summary>
    private sealed class Layout
    {
        public required string Kind { get; init; }
        public required IReadOnlyList<string> Parents { get; init; }
        private string? _v2Root;

        public static Layout? Detect(string root)
        {
            if (File.Exists(Path.Combine(root, "cgroup.controllers")))
            {
                var controllers = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.TrimEntries);
                if (!controllers.Contains("cpu") || !controllers.Contains("memory")) return null;
                return new Layout { Kind = "cgroup v2", Parents = [Path.Combine(root, "bench")], _v2Root = root };
            }
            string cpu = Path.Combine(root, "cpu"), memory = Path.Combine(root, "memory"), cpuacct = Path.Combine(root, "cpuacct");
            if (File.Exists(Path.Combine(cpu, "cpu.cfs_quota_us")) && File.Exists(Path.Combine(memory, "memory.limit_in_bytes"))
                && File.Exists(Path.Combine(cpuacct, "cpuacct.usage")))
            {
                // cpu and cpuacct are often mounted together (cpu,cpuacct, with both names linked to it): one folder then
                var cpuacctParent = Real(cpuacct) == Real(cpu) ? null : Path.Combine(cpuacct, "bench");
                return new Layout { Kind = "cgroup v1", Parents = [Path.Combine(cpu, "bench"), Path.Combine(memory, "bench"), .. cpuacctParent is null ? Array.Empty<string>() : [cpuacctParent]] };
            }
            return null;
        }

        private static string Real(string dir) => new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir;

        /// <summary>Where a group made of <paramref name="dirs"/> (in <see cref="Parents"/>' order) keeps its files.</summary>
        public CgroupFiles Files(IReadOnlyList<string> dirs) => _v2Root is not null
            ? CgroupFiles.V2(dirs[0])
            : new CgroupFiles(CgroupVersion.V1, MemoryDirectory: dirs[1], CpuAccountingDirectory: dirs.Count > 2 ? dirs[2] : dirs[0], CpuDirectory: dirs[0]);

        /// <summary>v2: a group's limits need the controllers enabled in every ancestor's subtree_control.</summary>
        public void EnableControllers()
        {
            if (_v2Root is null) return;
            File.AppendAllText(Path.Combine(_v2Root, "cgroup.subtree_control"), "+cpu +memory");
            File.AppendAllText(Path.Combine(Parents[0], "cgroup.subtree_control"), "+cpu +memory");
        }

        public void SetLimits(IReadOnlyList<string> dirs, long quotaUs, long memoryBytes)
        {
            if (_v2Root is not null)
            {
                EnableControllers();
                File.WriteAllText(Path.Combine(dirs[0], "cpu.max"), $"{quotaUs} {PeriodUs}");
                File.WriteAllText(Path.Combine(dirs[0], "memory.max"), memoryBytes.ToString());
                // no swap beyond the limit, as Docker's --memory-swap = --memory; absent without swap accounting
                var swapMax = Path.Combine(dirs[0], "memory.swap.max");
                if (File.Exists(swapMax)) File.WriteAllText(swapMax, "0");
                return;
            }
            File.WriteAllText(Path.Combine(dirs[0], "cpu.cfs_period_us"), PeriodUs.ToString());
            File.WriteAllText(Path.Combine(dirs[0], "cpu.cfs_quota_us"), quotaUs.ToString());
            File.WriteAllText(Path.Combine(dirs[1], "memory.limit_in_bytes"), memoryBytes.ToString());
            var swap = Path.Combine(dirs[1], "memory.memsw.limit_in_bytes"); // memory + swap; absent without swap accounting
            if (File.Exists(swap)) File.WriteAllText(swap, memoryBytes.ToString());
        }
    }
}
