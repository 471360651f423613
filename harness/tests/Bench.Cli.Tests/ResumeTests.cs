using System.Text.Json.Nodes;
using Bench.Pipeline.Results;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// `bench run --resume DIR` through the real CLI with fake targets: a run killed (SIGKILL) part-way and resumed ends
/// with every planned trial exactly once and its claims judged; a resume whose settings or harness commit differ is
/// refused with exit code 2 naming each difference, unless --force.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ResumeTests
{
    private const string TwoScenarios = """
          - name: plaintext
            request: { path: /plaintext }
            load: { connections: 4, duration: 1s, warmup: 200ms }
          - name: again
            request: { path: /plaintext }
            load: { connections: 4, duration: 1s, warmup: 200ms }
        """;

    private static FakeRepo Repo() => new(new Dictionary<string, Dictionary<string, string>>
    {
        ["fast"] = new() { ["DELAY_MS"] = "10" },
        ["slow"] = new() { ["DELAY_MS"] = "20" },
    }, TwoScenarios);

    private static string[] RunArgs(FakeRepo repo, int trials, params string[] more) =>
        ["run", "--quick", "--retries", "0", "--targets", "fast,slow", "--scenarios", repo.Scenarios, "--trials", trials.ToString(), .. more];

    private static int Kept(string results) =>
        JsonNode.Parse(File.ReadAllText(results))!["trials"]!.AsArray().Count(t => t!["retried"] is null);

    [Fact]
    public async Task A_killed_run_resumed_has_every_trial_once_and_its_claims_judged()
    {
        using var repo = Repo();
        using var outDir = new TempFolder("bench-resume");
        var results = Path.Combine(outDir.Path, ResultsStore.FileName);
        int killedPid;
        using (var first = new CliProcess(repo.Environment, RunArgs(repo, trials: 4, "--out", outDir.Path)))
        {
            killedPid = first.Pid;
            // killed once a few trials are on disk: some sessions done, the run far from complete
            await CliProcess.Eventually(() => File.Exists(results) && Kept(results) >= 2, TimeSpan.FromMinutes(3));
            // not while it runs: two runs writing one results.json would measure cells twice
            var (busy, _, busyError) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 4, "--resume", outDir.Path));
            Assert.True(busy == 2, $"exit {busy}; stderr: {busyError}");
            Assert.Contains("is being written by another bench run", busyError);
            first.Signal(9);
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var before = ResultsStore.Read(results);
        Assert.Equal(RunStatus.Running, before.Status); // what a killed run leaves
        Assert.InRange(before.Trials.Count, 2, 19);

        var (code, stdout, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 4, "--resume", outDir.Path));

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var after = ResultsStore.Read(results);
        Assert.Equal(RunStatus.Complete, after.Status);
        Assert.NotNull(after.FinishedUtc);
        // the trials measured before the kill are kept as they were, first, and the rest follow
        Assert.Equal(before.Trials.Select(t => (t.Target, t.Scenario, t.Trial, t.Arm, t.StartedUtc)),
            after.Trials.Take(before.Trials.Count).Select(t => (t.Target, t.Scenario, t.Trial, t.Arm, t.StartedUtc)));
        // every cell of the plan exactly once: 2 targets × 2 scenarios × 4 trials, and the A/A arm's 4
        var kept = after.Trials.Where(t => t.Retried != true).ToList();
        Assert.Equal(20, kept.Count);
        Assert.Equal(20, kept.Select(t => (t.Target, t.Scenario, t.Trial, t.Arm)).Distinct().Count());
        Assert.All(kept, t => Assert.True(t.Failure is null && t.Requests > 0, $"{t.Target}/{t.Scenario}/{t.Trial}: {t.Failure}"));
        Assert.Equal("first-vs-second", Assert.Single(after.Claims!).Id);
        Assert.Empty(Assert.Single(after.Resumes!).Forced);
        Assert.Contains("first-vs-second", stdout); // the verdict table
        // the resumed run swept what the killed one left (its targets, its database), and left nothing itself
        Assert.Empty(repo.Leftovers());
        Assert.Empty(HarnessLeftovers.Of(killedPid));
    }

    /// <summary>A stored run cut short (status interrupted), made by a real run of one trial.</summary>
    private static async Task<string> InterruptedRunAsync(FakeRepo repo, string outDir)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--out", outDir));
        Assert.True(code == 0, stderr);
        var results = Path.Combine(outDir, ResultsStore.FileName);
        var json = JsonNode.Parse(File.ReadAllText(results))!.AsObject();
        // as if it had been stopped before its last session: the last trial, the claims and the end go
        json["status"] = RunStatus.Interrupted;
        json.Remove("claims");
        json.Remove("claimsNoiseFloor");
        json.Remove("finishedUtc");
        var trials = json["trials"]!.AsArray();
        trials.RemoveAt(trials.Count - 1);
        File.WriteAllText(results, json.ToJsonString());
        return results;
    }

    [Fact]
    public async Task A_resume_with_other_settings_or_another_harness_commit_is_refused_naming_them_unless_forced()
    {
        using var repo = Repo();
        using var outDir = new TempFolder("bench-resume-refused");
        var results = await InterruptedRunAsync(repo, outDir.Path);
        var stored = File.ReadAllText(results);

        var (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 2, "--resume", outDir.Path));
        Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
        Assert.Contains("settings.trials: 1 in the stored run, 2 now", stderr);
        Assert.Contains("--force", stderr);
        Assert.Equal(stored, File.ReadAllText(results)); // untouched

        repo.Commit("the harness moved on");
        (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--resume", outDir.Path));
        Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
        Assert.Contains("environment.harnessCommit: ", stderr);
        Assert.DoesNotContain("settings.", stderr);
        Assert.Equal(stored, File.ReadAllText(results));

        (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--resume", outDir.Path, "--force"));
        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var run = ResultsStore.Read(results);
        Assert.Equal(RunStatus.Complete, run.Status);
        Assert.Equal(5, run.Trials.Count); // the one trial taken out ran again, nothing else
        Assert.StartsWith("environment.harnessCommit: ", Assert.Single(Assert.Single(run.Resumes!).Forced));

        // a complete run has nothing to resume
        (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--resume", outDir.Path));
        Assert.True(code == 2, $"exit {code}; stderr: {stderr}");
        Assert.Contains("is a complete run: there is nothing to resume", stderr);
    }

    [Fact]
    public async Task Resume_input_errors_exit_2_before_anything_starts()
    {
        using var repo = Repo();
        using var empty = new TempFolder("bench-resume-none");
        Directory.CreateDirectory(empty.Path);
        var (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--resume", empty.Path));
        Assert.True(code == 2, stderr);
        Assert.Contains("holds no results.json", stderr);

        (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--force"));
        Assert.True(code == 2, stderr);
        Assert.Contains("--force goes with --resume", stderr);

        File.WriteAllText(Path.Combine(empty.Path, ResultsStore.FileName), "{ not json");
        (code, _, stderr) = await CliProcess.RunAsync(repo.Environment, RunArgs(repo, trials: 1, "--resume", empty.Path));
        Assert.True(code == 2, stderr);
        Assert.Contains("is not a results.json bench can read", stderr);
    }
}
