using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

/// <summary>cpu.stat (v1 and v2) and finding a process's cpu cgroup, against recorded files.</summary>
public class CgroupCpuStatTests
{
    [Fact]
    public void Cgroup_v1_counts_throttled_time_in_nanoseconds()
    {
        // /sys/fs/cgroup/cpu/bench/<pid>-<n>/cpu.stat on this machine (kernel 6.18), with throttling
        var stat = CgroupCpuStat.Parse("nr_periods 130\nnr_throttled 4\nthrottled_time 250000000\nnr_bursts 0\nburst_time 0\n");
        Assert.Equal(new CgroupCpuStat(130, 4, 0.25), stat);
    }

    [Fact]
    public void Cgroup_v2_counts_throttled_time_in_microseconds()
    {
        var stat = CgroupCpuStat.Parse("usage_usec 8120000\nuser_usec 6000000\nsystem_usec 2120000\ncore_sched.force_idle_usec 0\n" +
                                       "nr_periods 300\nnr_throttled 12\nthrottled_usec 480000\nnr_bursts 0\nburst_usec 0\n");
        Assert.Equal(new CgroupCpuStat(300, 12, 0.48), stat);
    }

    [Fact]
    public void A_cpu_stat_without_the_quota_counters_is_unknown()
    {
        // v2's cpu.stat of a group without the cpu controller enabled: usage only
        Assert.Null(CgroupCpuStat.Parse("usage_usec 100\nuser_usec 60\nsystem_usec 40\n"));
    }

    [Fact]
    public void The_interval_is_the_difference_and_a_reset_makes_it_unknown()
    {
        var before = new CgroupCpuStat(100, 2, 0.1);
        var d = new CgroupCpuStat(130, 3, 0.15).Since(before)!.Value;
        Assert.Equal(30, d.Periods);
        Assert.Equal(1, d.Throttled);
        Assert.Equal(0.05, d.ThrottledSeconds, 6);
        Assert.Null(new CgroupCpuStat(10, 0, 0).Since(before)); // the group was recreated: counters restarted
        Assert.Null(new CgroupCpuStat(130, 1, 0.2).Since(before));
    }

    // /proc/self/mountinfo of this machine: cgroup v1 per controller, plus an unused v2 mount (hybrid)
    private const string HybridMounts = """
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        """;

    [Fact]
    public void On_cgroup_v1_the_cpu_hierarchy_is_used_even_when_v2_is_mounted_too()
    {
        const string procCgroup = "4:memory:/bench/77-1\n2:cpuacct:/\n1:cpu:/bench/77-1\n0::/\n";
        Assert.Equal("/sys/fs/cgroup/cpu/bench/77-1", CgroupCpuStat.DirectoryOf(procCgroup, HybridMounts));
    }

    [Fact]
    public void Co_mounted_cpu_and_cpuacct_are_found_too()
    {
        const string mounts = "25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n";
        const string procCgroup = "3:cpu,cpuacct:/docker/0123abcd\n";
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/docker/0123abcd", CgroupCpuStat.DirectoryOf(procCgroup, mounts));
    }

    [Fact]
    public void On_cgroup_v2_the_unified_path_is_used_below_a_subtree_mount()
    {
        // the harness in a container of its own sees only its sub-tree, mounted at /sys/fs/cgroup
        const string mounts = "29 23 0:26 /system.slice/harness.scope /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
        const string procCgroup = "0::/system.slice/harness.scope/bench/77-2\n";
        Assert.Equal("/sys/fs/cgroup/bench/77-2", CgroupCpuStat.DirectoryOf(procCgroup, mounts));
    }

    [Fact]
    public void A_process_gone_has_no_directory() => Assert.Null(CgroupCpuStat.DirectoryOf(int.MaxValue));
}
