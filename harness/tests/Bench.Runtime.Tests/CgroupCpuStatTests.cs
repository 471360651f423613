using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

/// <summary>cpu.stat's throttling counters (v1 and v2), against recorded files.</summary>
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
}
