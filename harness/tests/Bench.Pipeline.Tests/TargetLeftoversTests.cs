using System.Diagnostics;

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
            var found = TargetLeftovers.Under(Path.Combine(root, "this", "targets"));
            Assert.Contains(found, f => f.StartsWith($"{inMine.Id}: ", StringComparison.Ordinal));
            Assert.DoesNotContain(found, f => f.StartsWith($"{inOther.Id}: ", StringComparison.Ordinal));
            Assert.DoesNotContain(TargetLeftovers.Under(Path.Combine(root, "other", "targets")), f => f.StartsWith($"{inMine.Id}: ", StringComparison.Ordinal));
        }
        finally
        {
            inMine.Kill(); inOther.Kill();
            inMine.WaitForExit(); inOther.WaitForExit();
            Directory.Delete(root, recursive: true);
        }
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
