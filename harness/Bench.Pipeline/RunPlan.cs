using Bench.Core.Scenarios;
using Bench.Core.Targets;

namespace Bench.Pipeline;

/// <summary>One trial to run: a target under a scenario, the n-th time.</summary>
public sealed record PlannedTrial(Scenario Scenario, TargetManifest Target, int Trial);

/// <summary>
/// The order of trials. For each scenario and trial, every target runs once; the target order alternates
/// (A B C D, then D C B A, ...) so that slow drift of the machine (heat, background jobs) falls on every
/// target alike instead of always favouring the one measured first.
/// </summary>
public static class RunPlan
{
    public static IReadOnlyList<PlannedTrial> Create(IReadOnlyList<Scenario> scenarios, IReadOnlyList<TargetManifest> targets, int trials)
    {
        if (trials < 1) throw new Core.BenchException($"--trials must be at least 1 (got {trials}).");
        var plan = new List<PlannedTrial>();
        var round = 0;
        foreach (var scenario in scenarios)
            for (var trial = 1; trial <= trials; trial++, round++)
            {
                var order = round % 2 == 0 ? targets : targets.Reverse().ToList();
                plan.AddRange(order.Select(t => new PlannedTrial(scenario, t, trial)));
            }
        return plan;
    }
}
