using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

public sealed class ProcessLedgerTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "bench-processes");

    private static int DeadPid()
    {
        for (var pid = 4_100_000; pid > 1000; pid -= 7919)
            if (!Native.Exists(pid)) return pid;
        throw new InvalidOperationException("no free pid");
    }

    [Fact]
    public async Task Groups_left_by_a_dead_harness_are_killed_and_others_are_not()
    {
        await using var orphan = ChildProcess.Start(["sleep", "300"], "/tmp", new Dictionary<string, string>());
        await using var reused = ChildProcess.Start(["sleep", "300"], "/tmp", new Dictionary<string, string>());
        var deadOwner = DeadPid();
        // Markers as a SIGKILLed harness would have left them: one for a live orphan, one whose pid was reused
        // by another process since (its start time does not match).
        File.Move(Path.Combine(Folder, $"{Environment.ProcessId}-{orphan.Pid}"), Path.Combine(Folder, $"{deadOwner}-{orphan.Pid}"));
        File.Delete(Path.Combine(Folder, $"{Environment.ProcessId}-{reused.Pid}"));
        File.WriteAllText(Path.Combine(Folder, $"{deadOwner}-{reused.Pid}"), "12345");

        var killed = ProcessLedger.SweepOrphans();

        Assert.Equal(1, killed);
        await orphan.WaitForExitAsync(new CancellationTokenSource(5000).Token);
        Assert.True(orphan.HasExited);
        Assert.False(reused.HasExited);
        Assert.False(File.Exists(Path.Combine(Folder, $"{deadOwner}-{orphan.Pid}")));
        Assert.False(File.Exists(Path.Combine(Folder, $"{deadOwner}-{reused.Pid}")));
    }

    [Fact]
    public async Task A_stopped_child_leaves_no_marker()
    {
        var child = ChildProcess.Start(["sleep", "300"], "/tmp", new Dictionary<string, string>());
        Assert.True(File.Exists(Path.Combine(Folder, $"{Environment.ProcessId}-{child.Pid}")));
        await child.DisposeAsync();
        Assert.False(File.Exists(Path.Combine(Folder, $"{Environment.ProcessId}-{child.Pid}")));
    }
}

public sealed class KillGroupTests
{
    [Fact]
    public async Task A_child_that_leads_no_group_yet_is_still_killed()
    {
        // Started without setsid, as a ChildProcess is in the instant before its setsid runs: no group has its pid.
        using var p = System.Diagnostics.Process.Start("sleep", "300");
        Assert.True(Native.KillGroup(p.Id, Native.SIGKILL));
        await p.WaitForExitAsync(new CancellationTokenSource(5000).Token);
        Assert.True(p.HasExited);
    }
}
