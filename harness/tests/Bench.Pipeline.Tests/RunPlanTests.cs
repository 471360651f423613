using Bench.Core.Scenarios;
using Bench.Core.Targets;

namespace Bench.Pipeline.Tests;

public sealed class RunPlanTests
{
    internal static TargetManifest T(string name) => new()
    {
        Name = name, Language = "x", Framework = "y", Directory = "/tmp",
        Build = new CommandSpec { Command = ["true"] }, Run = new CommandSpec { Command = ["true"] },
    };

    internal static Scenario S(string name, int? trials = null, LoadKind model = LoadKind.Closed, string? rateOf = null) => new()
    {
        Name = name, Trials = trials, Request = new ScenarioRequest { Path = "/" },
        Load = new ScenarioLoad { Model = rateOf is null ? model : LoadKind.Open, RateOf = rateOf is null ? null : new RateOf(rateOf, 0.5) },
    };

    /// <summary>"trial:target[scenario(arm) ...]", one session.</summary>
    internal static string Describe(PlannedSession s) =>
        $"{s.Trial}:{s.Target.Name}[{string.Join(" ", s.Trials.Select(t => t.Scenario.Name + (t.Arm is { } arm ? $"({arm})" : "")))}]";

    [Fact]
    public void Each_session_is_one_fresh_target_serving_the_scenarios_in_order_and_targets_alternate_every_round()
    {
        var plan = RunPlan.Create([S("a"), S("b")], [T("A"), T("B"), T("C"), T("D")], trials: 2);

        Assert.Equal(["1:A[a b]", "1:B[a b]", "1:C[a b]", "1:D[a b]", "2:D[a b]", "2:C[a b]", "2:B[a b]", "2:A[a b]"],
            plan.Select(Describe).ToList());
        Assert.All(plan.SelectMany(s => s.Trials), t => Assert.Equal(t.Scenario.Name == "a" ? 1 : 2, t.Position));
    }

    [Fact]
    public void Every_target_gets_every_scenario_and_trial_once()
    {
        var plan = RunPlan.Create([S("a"), S("b"), S("c")], [T("A"), T("B")], trials: 3);
        var trials = plan.SelectMany(s => s.Trials).ToList();
        Assert.Equal(18, trials.Count);
        Assert.Equal(18, trials.Select(p => (p.Scenario.Name, p.Target.Name, p.Trial)).Distinct().Count());
        Assert.All(plan, s => Assert.All(s.Trials, t => Assert.Equal(s.Target, t.Target)));
    }

    [Fact]
    public void A_scenario_asking_for_more_trials_gets_later_sessions_of_its_own()
    {
        var plan = RunPlan.Create([S("a"), S("b", trials: 4)], [T("A"), T("B")], trials: 2);
        Assert.Equal(["1:A[a b]", "1:B[a b]", "2:B[a b]", "2:A[a b]", "3:A[b]", "3:B[b]", "4:B[b]", "4:A[b]"], plan.Select(Describe).ToList());
    }

    [Fact]
    public void Derived_rates_run_after_their_sources_and_cold_starts_last_one_start_per_session()
    {
        var plan = RunPlan.Create(
            [S("fixed", rateOf: "a"), S("cold", trials: 3, model: LoadKind.Startup), S("a")], [T("A"), T("B")], trials: 2);
        Assert.Equal(
            ["1:A[a]", "1:B[a]", "2:B[a]", "2:A[a]",
             "1:A[fixed]", "1:B[fixed]", "2:B[fixed]", "2:A[fixed]",
             "1:A[cold]", "1:B[cold]", "2:B[cold]", "2:A[cold]", "3:A[cold]", "3:B[cold]"],
            plan.Select(Describe).ToList());
        Assert.Equal([SessionPhase.Load, SessionPhase.DerivedRate, SessionPhase.ColdStart], plan.Select(s => s.Phase).Distinct().ToList());
    }

    [Fact]
    public void Zero_trials_is_bad_input() => Assert.Throws<Core.BenchException>(() => RunPlan.Create([S("a")], [T("A")], 0));
}
