using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

/// <summary>The one /proc/PID/stat parser (ProcSampler, the machine-noise scan, calibrate), against recorded files.</summary>
public class ProcessStatTests
{
    [Fact]
    public void A_process_stat_is_read_after_a_command_name_with_spaces_and_parentheses()
    {
        const string recorded = "4242 (a b) c) R 26031 26031 4321 0 -1 4194304 2826 6473 2 0 250 50 7 3 20 0 1 0 91295 16965632 3352 " +
            "18446744073709551615 94553004118016 94553004118357 140729486944816 0 0 0 0 16781312 2 0 0 0 17 1 0 0 0 0 0 " +
            "94553004129712 94553004130328 94554076995584 140729486951897 140729486952278 140729486952278 140729486954447 0\n";
        var p = ProcessStat.Parse(recorded)!;
        Assert.Equal(4242, p.Pid);
        Assert.Equal("a b) c", p.Comm);
        Assert.Equal('R', p.State);
        Assert.Equal(4321, p.Session);
        Assert.Equal(300, p.CpuTicks);
        Assert.Equal(10, p.ChildrenCpuTicks);
        Assert.Equal(91295, p.StartTicks);
        Assert.Equal(1, p.Processor);
        Assert.Equal(3352, p.RssPages); // field 24
        Assert.Equal(26031, p.ParentPid); // field 4
    }

    [Fact]
    public void This_process_is_read_live_and_a_gone_one_is_null()
    {
        var me = ProcessStat.TryRead(Environment.ProcessId)!;
        Assert.Equal(Environment.ProcessId, me.Pid);
        Assert.True(me.RssBytes > 1 << 20); // a running .NET test host holds well over a MiB
        Assert.Null(ProcessStat.TryRead(int.MaxValue));
    }
}
