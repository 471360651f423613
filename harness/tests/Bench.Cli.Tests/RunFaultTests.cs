using Bench.Pipeline.Results;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// `bench run` meeting targets that fail, through the real CLI with fake targets and its embedded PostgreSQL: one that
/// exits at start-up, one that is killed (SIGKILL) and one that stops (SIGSTOP) in the middle of its load, beside
/// one that works. Each failing target's trials are recorded failed with the reason, the run goes on with the
/// next session, and ends complete, exit code 1, with nothing left running.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TargetFaultTests(TargetFaultTests.Run run) : IClassFixture<TargetFaultTests.Run>
{
    // Two scenarios, so a target that goes in its session's first one leaves a second one unreached. At 50 ms per
    // request over 4 connections a target serves about 80 requests a second: the 20th comes about 0.25 s into the
    // first scenario (a 0.4 s --quick warmup, then its 0.3 s window), mid-load and before the second scenario,
    // which must follow for a frozen target to be asked /healthz (after a session's last trial it is not).
    private const string Scenarios = """
          - name: plaintext
            request: { path: /plaintext }
            load: { connections: 4, duration: 1s, warmup: 200ms }
          - name: again
            request: { path: /plaintext }
            load: { connections: 4, duration: 1s, warmup: 200ms }
        """;

    public sealed class Run : IAsyncLifetime
    {
        public FakeRepo Repo { get; } = new(new Dictionary<string, Dictionary<string, string>>
        {
            ["fine"] = new() { ["DELAY_MS"] = "50" },
            ["dies"] = new() { ["EXIT_AT_START"] = "3" },
            ["killed"] = new() { ["DELAY_MS"] = "50", ["FAULT_AFTER"] = "20", ["FAULT_SIGNAL"] = "KILL" },
            ["frozen"] = new() { ["DELAY_MS"] = "50", ["FAULT_AFTER"] = "20", ["FAULT_SIGNAL"] = "STOP" },
        }, Scenarios);
        private readonly TempFolder _out = new("bench-faults");
        public int Code { get; private set; }
        public string Stderr { get; private set; } = "";
        public string Stdout { get; private set; } = "";
        public int Pid { get; private set; }
        public RunResults Results { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var cli = new CliProcess(Repo.Environment, "run", "--quick", "--retries", "0", "--targets", "fine,dies,killed,frozen",
                "--scenarios", Repo.Scenarios, "--trials", "1", "--out", _out.Path);
            Code = await cli.WaitAsync(TimeSpan.FromMinutes(5));
            (Stdout, Stderr, Pid) = (cli.Stdout, cli.Stderr, cli.Pid);
            Results = ResultsStore.Read(Path.Combine(_out.Path, ResultsStore.FileName));
        }

        public Task DisposeAsync()
        {
            _out.Dispose();
            Repo.Dispose();
            return Task.CompletedTask;
        }
    }

    private List<TrialResult> TrialsOf(string target) => run.Results.Trials.Where(t => t.Target == target).OrderBy(t => t.Position).ToList();

    [Fact]
    public void The_run_completes_with_exit_code_1_and_judges_its_claims()
    {
        Assert.True(run.Code == 1, $"exit {run.Code}; stderr: {run.Stderr}");
        Assert.Equal(RunStatus.Complete, run.Results.Status);
        Assert.NotNull(run.Results.Claims);
        // the working target's sessions ran whatever the others did: both scenarios, and the A/A arm
        var fine = TrialsOf("fine");
        Assert.Equal(3, fine.Count);
        Assert.All(fine, t => Assert.True(t.Failure is null && t.Requests > 0, $"{t.Scenario}: {t.Failure}"));
    }

    [Fact]
    public void A_target_that_exits_at_start_up_fails_every_trial_of_its_session_with_its_exit_code_and_output()
    {
        var dies = TrialsOf("dies");
        Assert.Equal(["plaintext", "again"], dies.Select(t => t.Scenario));
        Assert.All(dies, t =>
        {
            Assert.Contains("dies exited during start-up (exit code 3)", t.Failure);
            Assert.Equal(["failed"], t.Flags);
        });
    }

    [Fact]
    public void A_target_killed_mid_load_fails_that_trial_and_the_rest_of_its_session() =>
        AssertGoneMidLoad("killed", "killed exited (killed by SIGKILL) during scenario");

    [Fact]
    public void A_target_that_stops_answering_mid_load_fails_that_trial_and_the_rest_of_its_session() =>
        AssertGoneMidLoad("frozen", "frozen stopped answering /healthz during scenario");

    private void AssertGoneMidLoad(string target, string reason)
    {
        var trials = TrialsOf(target);
        Assert.Equal(2, trials.Count);
        // the scenario it went in failed with the reason and its last output; any after it were not run
        var failed = trials.FindIndex(t => t.Failure is not null);
        Assert.True(failed >= 0, $"no failed trial of {target}: {string.Join(", ", trials.Select(t => $"{t.Scenario} {t.Requests} requests"))}");
        Assert.StartsWith(reason, trials[failed].Failure);
        Assert.Contains("sending itself SIG", trials[failed].Failure);
        Assert.Null(trials[failed].Requests); // a failed trial reports no figures
        Assert.All(trials.Take(failed), t => Assert.Null(t.Failure));
        Assert.All(trials.Skip(failed + 1), t => Assert.StartsWith($"not run: {reason}", t.Failure));
    }

    [Fact]
    public void Nothing_is_left_running()
    {
        Assert.Empty(run.Repo.Leftovers()); // the frozen target too: it was continued and killed with its session
        Assert.Empty(HarnessLeftovers.Of(run.Pid));
    }
}
