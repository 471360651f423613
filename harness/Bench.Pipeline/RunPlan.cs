using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline.Machine;

namespace Bench.Pipeline;

/// <summary>One trial to run: a target under a scenario, the n-th time.</summary>
public sealed record PlannedTrial(Scenario Scenario, TargetManifest Target, int Trial)
{
    /// <summary>Set on the trials of the A/A comparison that gives the run its noise floor.</summary>
    public NoiseArm? Arm { get; init; }
    /// <summary>2, 3... when the trial is run again because the machine disturbed the previous attempt.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// The order of trials. For each scenario and trial, every target runs once; the target order alternates
/// (A B C D, then D C B A, ...) so that slow drift of the machine (heat, background jobs) falls on every
/// target alike instead of always favouring the one measured first.
/// With a noise floor, the first target's trials of the first scenario are arm A1 of an A/A comparison, and
/// each of their rounds gets one more trial of the same target and scenario, arm A2, at the round's other end
/// (A B C D A2, then A2 D C B A): the two arms are as far apart, and alternate as fairly, as any two targets.
/// </summary>
public static class RunPlan
{
    public static IReadOnlyList<PlannedTrial> Create(IReadOnlyList<Scenario> scenarios, IReadOnlyList<TargetManifest> targets, int trials,
        bool noiseFloor = false)
    {
        if (trials < 1) throw new Core.BenchException($"--trials must be at least 1 (got {trials}).");
        var plan = new List<PlannedTrial>();
        var round = 0;
        foreach (var scenario in scenarios)
            for (var trial = 1; trial <= trials; trial++, round++)
            {
                var entries = targets.Select(t => new PlannedTrial(scenario, t, trial)).ToList();
                if (noiseFloor && scenario == scenarios[0])
                {
                    entries[0] = entries[0] with { Arm = NoiseArm.A1 };
                    entries.Add(new PlannedTrial(scenario, targets[0], trial) { Arm = NoiseArm.A2 });
                }
                if (round % 2 == 1) entries.Reverse();
                plan.AddRange(entries);
            }
        return plan;
    }
}
