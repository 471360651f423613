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

    internal static Scenario S(string name) => new() { Name = name, Request = new ScenarioRequest { Path = "/" }, Load = new ScenarioLoad() };

    [Fact]
    public void Targets_alternate_direction_every_round()
    {
        var plan = RunPlan.Create([S("a"), S("b")], [T("A"), T("B"), T("C"), T("D")], trials: 2);

        var order = plan.Select(p => $"{p.Scenario.Name}{p.Trial}:{p.Target.Name}").ToList();
        Assert.Equal(
            ["a1:A", "a1:B", "a1:C", "a1:D", "a2:D", "a2:C", "a2:B", "a2:A",
             "b1:A", "b1:B", "b1:C", "b1:D", "b2:D", "b2:C", "b2:B", "b2:A"], order);
    }

    [Fact]
    public void Every_target_gets_every_scenario_and_trial_once()
    {
        var plan = RunPlan.Create([S("a"), S("b"), S("c")], [T("A"), T("B")], trials: 3);
        Assert.Equal(18, plan.Count);
        Assert.Equal(18, plan.Select(p => (p.Scenario.Name, p.Target.Name, p.Trial)).Distinct().Count());
    }

    [Fact]
    public void Zero_trials_is_bad_input() => Assert.Throws<Core.BenchException>(() => RunPlan.Create([S("a")], [T("A")], 0));
}
