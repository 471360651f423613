using Bench.Load.Monitoring;

namespace Bench.Load.Tests;

/// <summary>The one /proc/stat parser, against recorded files (/proc/PID/stat: Bench.Runtime ProcessStatTests).</summary>
public class MachineCpuTests
{
    // Recorded on the 2-core test machine (kernel 6.18), trimmed after the first non-CPU line.
    private const string Stat = """
        cpu  10956 0 7223 21891 290 0 180 0 0 0
        cpu0 5402 0 3457 11317 23 0 73 0 0 0
        cpu1 5553 0 3765 10574 267 0 107 12 0 0
        intr 190186 0 0 0 0
        ctxt 539777
        """;

    [Fact]
    public void Every_CPU_line_is_read_with_its_columns()
    {
        var (all, perCpu) = MachineCpu.ParseStat(Stat);
        Assert.Equal(new CpuTimes(10956, 0, 7223, 21891, 290, 0, 180, 0), all);
        Assert.Equal([0, 1], perCpu.Keys.Order());
        Assert.Equal(new CpuTimes(5553, 0, 3765, 10574, 267, 0, 107, 12), perCpu[1]);
        Assert.Equal(5553 + 3765 + 107 + 12, perCpu[1].Busy);
        Assert.Equal(5553 + 3765, perCpu[1].Processes);
    }

    [Fact]
    public void A_kernel_without_the_steal_column_reads_it_as_zero()
    {
        var (_, perCpu) = MachineCpu.ParseStat("cpu  1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\n");
        Assert.Equal(new CpuTimes(1, 2, 3, 4, 5, 6, 7, 0), perCpu[0]);
    }

    [Fact]
    public void Counters_going_forward_give_the_interval()
    {
        var before = new CpuTimes(100, 0, 50, 1000, 5, 0, 3, 1);
        var after = new CpuTimes(250, 0, 80, 1060, 5, 1, 9, 4);
        Assert.Equal(new CpuTimes(150, 0, 30, 60, 0, 1, 6, 3), after.Since(before));
    }

    [Theory]
    [InlineData(0)] // user
    [InlineData(7)] // steal: some hypervisors have reset it
    [InlineData(3)] // idle: a CPU taken offline and back
    public void A_counter_going_backwards_makes_the_interval_unknown_not_negative(int column)
    {
        var before = new CpuTimes(100, 10, 50, 1000, 5, 2, 3, 40);
        long[] v = [200, 20, 60, 1100, 6, 3, 4, 50];
        v[column] = 1; // lower than before: reset or wrapped
        var after = new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        Assert.Null(after.Since(before));
    }

    [Fact]
    public void The_live_machine_has_a_line_per_online_CPU()
    {
        var (all, perCpu) = MachineCpu.ReadStat();
        Assert.Equal(Environment.ProcessorCount, perCpu.Count);
        Assert.True(all.Total >= perCpu.Values.Sum(c => c.Total) - perCpu.Count * 10); // the aggregate is their sum (read at one instant)
    }
}
