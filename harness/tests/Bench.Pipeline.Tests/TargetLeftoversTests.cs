using System.Diagnostics;
using Bench.Testing;

namespace Bench.Pipeline.Tests;

/// <summary>The leak scan of <see cref="EndToEndRunTests"/>: it sees a target left running in its checkout, and only there.</summary>
public class TargetLeftoversTests
{
    [Fact]
    public void A_target_left_running_in_the_checkout_is_found_and_one_elsewhere_is_not()
    {
        var root = Directory.CreateTempSubdirectory("bench-leftovers-").FullName;
        var mine = Directory.CreateDirectory(Path.Combine(root, "this", "targets", "go-nethttp")).FullName;
        var other = Directory.CreateDirectory(Path.Combine(root, "other", "targets", "go-nethttp")).FullName;
        using var inMine = Start(mine);
        using var inOther = Start(other);
        try
        {
            var found = TargetLeftovers.Under(Path.Combine(root, "this", "targets"), TargetLeftovers.RealServers);
            Assert.Contains(found, f => f.StartsWith($"{inMine.Id}: ", StringComparison.Ordinal));
            Assert.DoesNotContain(found, f => f.StartsWith($"{inOther.Id}: ", StringComparison.Ordinal));
            Assert.DoesNotContain(TargetLeftovers.Under(Path.Combine(root, "other", "targets"), TargetLeftovers.RealServers), f => f.StartsWith($"{inMine.Id}: ", StringComparison.Ordinal));
        }
        finally
        {
            inMine.Kill(); inOther.Kill();
            inMine.WaitForExit(); inOther.WaitForExit();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_fake_target_left_running_is_found_in_its_folder()
    {
        // the scan ClaimsEndToEndTests relies on: a delay server, started as the local runtime starts it (in its folder)
        var psi = new ProcessStartInfo("python3", [Path.Combine(FakeTarget.Folder, FakeTarget.DelayServer)]) { WorkingDirectory = FakeTarget.Folder };
        psi.Environment["PORT"] = "0";
        psi.Environment["DELAY_MS"] = "1";
        using var server = Process.Start(psi)!;
        // until the exec, /proc shows the forked test host's command line (a scan then found nothing, once)
        for (var i = 0; i < 200 && !File.ReadAllText($"/proc/{server.Id}/cmdline").Contains(FakeTarget.DelayServer, StringComparison.Ordinal); i++) Thread.Sleep(10);
        try
        {
            Assert.Contains(TargetLeftovers.Under(FakeTarget.Folder, [FakeTarget.DelayServer]), f => f.StartsWith($"{server.Id}: ", StringComparison.Ordinal));
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }
        Assert.DoesNotContain(TargetLeftovers.Under(FakeTarget.Folder, [FakeTarget.DelayServer]), f => f.StartsWith($"{server.Id}: ", StringComparison.Ordinal));
    }

    /// <summary>A stand-in whose command line is a target's ("bin/go-nethttp 60"), started in <paramref name="directory"/>.</summary>
    private static Process Start(string directory)
    {
        var p = Process.Start(new ProcessStartInfo("bash", ["-c", "exec -a bin/go-nethttp sleep 60"]) { WorkingDirectory = directory })!;
        // the exec replaces bash's command line a moment after the start
        for (var i = 0; i < 200 && !File.ReadAllText($"/proc/{p.Id}/cmdline").StartsWith("bin/go-nethttp", StringComparison.Ordinal); i++) Thread.Sleep(10);
        return p;
    }
}
