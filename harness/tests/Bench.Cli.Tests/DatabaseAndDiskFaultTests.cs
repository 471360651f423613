using System.Diagnostics;
using Bench.Pipeline.Results;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// Faults outside the targets, through the real CLI: its embedded PostgreSQL killed mid-run (restarted, the run goes
/// on), and the results' disk filling up (the run stops cleanly with exit code 1 and every trial it could write).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseAndDiskFaultTests
{
    private static FakeRepo TwoTargets() => new(new Dictionary<string, Dictionary<string, string>> { ["one"] = new(), ["two"] = new() });

    private static string[] RunArgs(FakeRepo repo, string outDir, int trials) =>
        ["run", "--quick", "--retries", "0", "--targets", "one,two", "--scenarios", repo.Scenarios, "--trials", trials.ToString(), "--out", outDir];

    [Fact]
    public async Task PostgreSQL_killed_mid_run_fails_the_trial_it_died_under_is_restarted_and_the_run_goes_on()
    {
        using var repo = TwoTargets();
        using var outDir = new TempFolder("bench-pgkill");
        var results = Path.Combine(outDir.Path, ResultsStore.FileName);
        using var cli = new CliProcess(repo.Environment, RunArgs(repo, outDir.Path, trials: 3));
        await CliProcess.Eventually(() => File.Exists(results) && File.ReadAllText(results).Contains("\"histogramFile\""), TimeSpan.FromMinutes(3));
        var cluster = Assert.Single(HarnessLeftovers.Clusters(cli.Pid));
        var postmaster = int.Parse(File.ReadLines(Path.Combine(cluster, "data", "postmaster.pid")).First());
        Process.Start("kill", ["-9", postmaster.ToString()])!.WaitForExit();

        var code = await cli.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(code == 1, $"exit {code}; stderr: {cli.Stderr}");
        var run = ResultsStore.Read(results);
        Assert.Equal(RunStatus.Complete, run.Status);
        Assert.NotNull(run.Claims);
        var failed = Assert.Single(run.Trials, t => t.Failure is not null);
        Assert.StartsWith("the database exited (killed by SIGKILL) during this trial; it was started again", failed.Failure);
        // every cell of the plan once: 2 targets × 3 trials, and the A/A arm's 3; the restarted database served the rest
        Assert.Equal(9, run.Trials.Count);
        Assert.Equal(9, run.Trials.Select(t => (t.Target, t.Trial, t.Arm)).Distinct().Count());
        Assert.True(run.Trials.Count(t => t.Failure is null && t.Requests > 0) == 8, string.Join("; ", run.Trials.Select(t => t.Failure)));
        // the same cluster, started again in place: it was removed at the end like any other
        Assert.Empty(HarnessLeftovers.Of(cli.Pid));
        Assert.Empty(repo.Leftovers());
    }

    [Fact]
    public async Task A_full_disk_stops_the_run_with_exit_code_1_and_keeps_every_trial_written_before()
    {
        using var repo = TwoTargets();
        using var mount = new TempFolder("bench-full-disk");
        Directory.CreateDirectory(mount.Path);
        // a disk of 48 KiB: the header, a few trials and their histograms fit, a run of 2 × 5 trials does not
        Exec("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", mount.Path);
        try
        {
            var outDir = Path.Combine(mount.Path, "run");
            var (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, outDir, trials: 5));

            Assert.True(code == 1, $"exit {code}; stderr: {stderr}");
            Assert.Contains("No space left on device", stderr);
            Assert.Contains("the run stopped", stderr);
            var results = Path.Combine(outDir, ResultsStore.FileName);
            Assert.False(File.Exists(results + ".tmp"));
            var run = ResultsStore.Read(results); // whole, never half-written
            var measured = run.Trials.Where(t => t.Failure is null).ToList();
            Assert.NotEmpty(measured);
            Assert.True(run.Trials.Count < 15, $"{run.Trials.Count} trials fit on a 48 KiB disk?");
            Assert.All(measured, t => Assert.True(File.Exists(Path.Combine(outDir, t.HistogramFile!)), t.HistogramFile));
            // no histogram without its trial: a half-written one is removed
            Assert.Equal(measured.Select(t => t.HistogramFile!).Order(),
                Directory.EnumerateFiles(Path.Combine(outDir, "histograms")).Select(f => Path.Combine("histograms", Path.GetFileName(f))).Order());
            // the status says the run stopped, when the disk left room to say it
            Assert.Contains(run.Status, new[] { RunStatus.Failed, RunStatus.Running });
            if (run.Status == RunStatus.Failed) Assert.Contains("No space left on device", run.Error);
            Assert.Empty(repo.Leftovers());
        }
        finally
        {
            Exec("umount", "-l", mount.Path);
        }
    }

    private static void Exec(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed (this test needs root): {error}");
    }
}
