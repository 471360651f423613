using Bench.Runtime.Resources;

namespace Bench.Runtime.Tests;

/// <summary>Finding a process's cgroup folders from /proc/PID/cgroup and mountinfo, against recorded files.</summary>
public class CgroupFilesTests
{
    // /proc/self/mountinfo of this machine: cgroup v1 per controller, plus an unused v2 mount (hybrid)
    private const string HybridMounts = """
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        """;

    private static bool AnyFile(string _) => true;

    [Fact]
    public void On_cgroup_v1_each_controllers_hierarchy_is_used_even_when_v2_is_mounted_too()
    {
        const string procCgroup = "4:memory:/bench/77-1\n2:cpuacct:/bench/77-1\n1:cpu:/bench/77-1\n0::/\n";
        Assert.Equal(new CgroupFiles(CgroupVersion.V1, "/sys/fs/cgroup/memory/bench/77-1", "/sys/fs/cgroup/cpuacct/bench/77-1",
            "/sys/fs/cgroup/cpu/bench/77-1"), CgroupFiles.Resolve(procCgroup, HybridMounts, AnyFile));
    }

    [Fact]
    public void Co_mounted_cpu_and_cpuacct_are_found_too()
    {
        const string mounts = "25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n" +
                              "26 24 0:23 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory\n";
        const string procCgroup = "5:memory:/docker/0123abcd\n3:cpu,cpuacct:/docker/0123abcd\n";
        var files = CgroupFiles.Resolve(procCgroup, mounts, AnyFile);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/docker/0123abcd", files?.CpuDirectory);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/docker/0123abcd/cpu.stat", files?.CpuStat);
        Assert.Equal("/sys/fs/cgroup/memory/docker/0123abcd", files?.MemoryDirectory);
    }

    [Fact]
    public void On_cgroup_v2_the_unified_path_is_used_below_a_subtree_mount()
    {
        // the harness in a container of its own sees only its sub-tree, mounted at /sys/fs/cgroup
        const string mounts = "29 23 0:26 /system.slice/harness.scope /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
        const string procCgroup = "0::/system.slice/harness.scope/bench/77-2\n";
        Assert.Equal(CgroupFiles.V2("/sys/fs/cgroup/bench/77-2"), CgroupFiles.Resolve(procCgroup, mounts, AnyFile));
    }

    [Fact]
    public void A_v1_group_without_its_files_falls_back_to_the_unified_one()
    {
        const string procCgroup = "4:memory:/bench/77-1\n2:cpuacct:/bench/77-1\n1:cpu:/bench/77-1\n0::/bench/77-1\n";
        Assert.Equal(CgroupFiles.V2("/sys/fs/cgroup/unified/bench/77-1"),
            CgroupFiles.Resolve(procCgroup, HybridMounts, f => f.StartsWith("/sys/fs/cgroup/unified/", StringComparison.Ordinal)));
        Assert.Null(CgroupFiles.Resolve(procCgroup, HybridMounts, _ => false));
    }

    [Fact]
    public void A_process_gone_has_no_group() => Assert.Null(CgroupFiles.OfProcess(int.MaxValue));
}
