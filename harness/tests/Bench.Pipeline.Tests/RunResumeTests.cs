using Bench.Core.Scenarios;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Testing;

namespace Bench.Pipeline.Tests;

/// <summary>Which cells a resumed run still measures, and in what order (<see cref="RunResume.Remaining"/>).</summary>
public sealed class RunResumeTests
{
    private static readonly IReadOnlyList<Scenario> Scenarios = ScenarioCatalog.Parse("""
        scenarios:
          - name: a
            request: { path: /plaintext }
            load: { connections: 1, duration: 1s }
          - name: b
            request: { path: /plaintext }
            load: { connections: 1, duration: 1s }
        """, "test");

    private static readonly IReadOnlyList<PlannedSession> Plan =
        RunPlan.Create(Scenarios, [FakeTarget.Delayed("x", 1), FakeTarget.Delayed("y", 1)], trials: 2, noiseFloor: true);

    private static TrialResult Done(string target, string scenario, int trial, NoiseArm? arm = null, int attempt = 1, string[]? flags = null, bool? retried = null) =>
        new() { Target = target, Scenario = scenario, Trial = trial, Arm = arm, Attempt = attempt, Runtime = "local", StartedUtc = DateTime.UtcNow, Flags = flags ?? [], Retried = retried };

    [Fact]
    public void Nothing_done_leaves_the_whole_plan_and_everything_done_leaves_none()
    {
        Assert.Equal(Plan.SelectMany(s => s.Trials), RunResume.Remaining(Plan, []).SelectMany(s => s.Trials));
        var all = Plan.SelectMany(s => s.Trials).Select(t => Done(t.Target.Name, t.Scenario.Name, t.Trial, t.Arm)).ToList();
        Assert.Empty(RunResume.Remaining(Plan, all));
    }

    [Fact]
    public void A_session_cut_short_runs_its_remaining_scenarios_from_position_1_and_the_plan_order_holds()
    {
        // round 1: x(a A1, b), y(a, b), x(a A2); the kill came after x's a
        var remaining = RunResume.Remaining(Plan, [Done("x", "a", 1, NoiseArm.A1)]);
        var first = remaining[0];
        Assert.Equal(("x", 1), (first.Target.Name, first.Trial));
        var b = Assert.Single(first.Trials);
        Assert.Equal(("b", 1, 1), (b.Scenario.Name, b.Position, b.Attempt));
        Assert.Equal(Plan.Count, remaining.Count); // no other session lost or gained
        Assert.Equal(Plan.Skip(1).SelectMany(s => s.Trials), remaining.Skip(1).SelectMany(s => s.Trials)); // untouched, in order
    }

    [Fact]
    public void Failed_trials_count_as_measured_but_those_the_run_stopped_on_and_replaced_attempts_do_not()
    {
        var remaining = RunResume.Remaining(Plan,
        [
            Done("x", "a", 1, NoiseArm.A1, flags: [TrialFlags.Failed]), // the target's own failure: a result
            Done("x", "b", 1, flags: [TrialFlags.Failed, TrialFlags.RunStopped], retried: true), // the disk filled: runs again
            Done("y", "a", 1, attempt: 1, flags: [TrialFlags.Interference], retried: true), // disturbed, its retry never ran
        ]).SelectMany(s => s.Trials).ToList();
        Assert.DoesNotContain(remaining, t => (t.Target.Name, t.Scenario.Name, t.Trial, t.Arm) == ("x", "a", 1, NoiseArm.A1));
        var xb = Assert.Single(remaining, t => (t.Target.Name, t.Scenario.Name, t.Trial) == ("x", "b", 1));
        Assert.Equal((1, 2), (xb.Position, xb.Attempt)); // alone in its session now; the next attempt number
        var ya = Assert.Single(remaining, t => (t.Target.Name, t.Scenario.Name, t.Trial) == ("y", "a", 1));
        Assert.Equal((1, 2), (ya.Position, ya.Attempt)); // its session untouched: still first in it
    }

    [Fact]
    public void Differences_name_each_setting_and_environment_field_that_changed_and_nothing_else()
    {
        var stored = ResultsStoreTests.Header();
        Assert.Empty(RunResume.Differences(stored, stored));
        var now = stored with
        {
            Settings = stored.Settings with { Trials = 3, Quick = false },
            Environment = stored.Environment with { HarnessCommit = "def", Hostname = "elsewhere", Os = "another os" },
        };
        Assert.Equal(
            ["settings.trials: 1 in the stored run, 3 now", "settings.quick: true in the stored run, false now",
             "environment.hostname: \"h\" in the stored run, \"elsewhere\" now", "environment.harnessCommit: \"abc\" in the stored run, \"def\" now"],
            RunResume.Differences(stored, now));
    }
}

/// <summary>A resumed results.json says so, in the published schema's terms.</summary>
public sealed class ResumedResultsSchemaTests : IDisposable
{
    private readonly TempFolder _dir = new("bench-resumed-schema");

    [Fact]
    public async Task A_resumed_run_with_its_claims_file_and_a_forced_difference_is_valid_against_the_published_schema()
    {
        var claims = Path.Combine(Core.RepoPaths.Root, "claims", "claims.yaml");
        var scenario = new ScenarioSettings("s", "", "GET", "/plaintext", LoadKind.Closed, 1, 1, 0, null, null, null, 1, 1, null);
        var header = ResultsStoreTests.Header() with { Settings = ResultsStoreTests.Header().Settings with { Scenarios = [scenario], Claims = ClaimsFile.Of(claims) } };
        var first = new ResultsStore(_dir.Path, header);
        first.Append(new TrialResult { Target = "t", Scenario = "s", Trial = 1, Runtime = "local", StartedUtc = DateTime.UtcNow, Failure = "disk full", Flags = [TrialFlags.Failed, TrialFlags.RunStopped] });
        first.EndEarly(RunStatus.Failed, "disk full");

        var resumed = ResultsStore.Resume(_dir.Path, ResultsStore.Read(first.ResultsPath), new ResumeRecord(DateTime.UtcNow, "def", ["environment.harnessCommit: \"abc\" in the stored run, \"def\" now"]));

        var stored = ResultsStore.Read(resumed.ResultsPath);
        Assert.Equal((RunStatus.Running, null), (stored.Status, stored.Error));
        Assert.True(Assert.Single(stored.Trials).Retried); // the trial the stop failed is measured again
        Assert.Equal(64, stored.Settings.Claims!.Sha256.Length);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"));
        var errors = schema.Validate(await File.ReadAllTextAsync(resumed.ResultsPath));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    public void Dispose() => _dir.Dispose();
}
