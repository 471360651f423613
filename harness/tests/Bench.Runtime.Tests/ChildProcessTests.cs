using Bench.Core;
using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

public sealed class ChildProcessTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public async Task Stopping_kills_the_whole_process_tree()
    {
        // A parent that forks two grandchildren and ignores SIGTERM: only a group kill with escalation ends them all.
        var pidFile = Path.GetTempFileName();
        var child = ChildProcess.Start(["bash", "-c", $"trap '' TERM; sleep 300 & echo $! > {pidFile}; sleep 300 & wait"], "/tmp", NoEnv);
        int grandchild = 0;
        for (var i = 0; i < 100 && !int.TryParse(File.ReadAllText(pidFile).Trim(), out grandchild); i++) await Task.Delay(50);
        Assert.True(Native.Exists(grandchild));

        await child.StopAsync(grace: TimeSpan.FromMilliseconds(300));

        Assert.True(child.HasExited);
        await Task.Delay(100);
        Assert.False(Native.Exists(grandchild) && !IsZombie(grandchild), "a grandchild survived the stop");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Pins_the_child_to_the_requested_cpu()
    {
        await using var child = ChildProcess.Start(["bash", "-c", "grep Cpus_allowed_list /proc/self/status"], "/tmp", NoEnv, cpus: "0");
        await child.WaitForExitAsync();
        await Task.Delay(100); // output events may trail the exit
        Assert.Contains("Cpus_allowed_list:\t0", child.Output.ToString());
    }

    [Fact]
    public void A_command_that_cannot_start_is_a_clear_error()
    {
        var e = Assert.Throws<BenchException>(() => ChildProcess.Start(["./no-such-binary"], "/no/such/dir", NoEnv));
        Assert.Contains("no-such-binary", e.Message);
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z"; }
        catch (IOException) { return false; }
    }
}
