using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline.Machine;

namespace Bench.Pipeline;

/// <summary>One target under one scenario, the n-th time: one row of results.json.</summary>
public sealed record PlannedTrial(Scenario Scenario, TargetManifest Target, int Trial)
{
    /// <summary>Set on the trials of the A/A comparison that gives the run its noise floor.</summary>
    public NoiseArm? Arm { get; init; }
    /// <summary>2, 3... when the trial is run again because the machine disturbed the previous attempt.</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>1 when the target was fresh for this scenario; k when it had served k − 1 scenarios of its session before.</summary>
    public int Position { get; init; } = 1;
}

/// <summary>
/// One fresh target serving a list of scenarios in turn, then stopped. A cold-start session serves one start-up
/// scenario and nothing else.
/// </summary>
public sealed record PlannedSession(TargetManifest Target, int Trial, SessionPhase Phase, IReadOnlyList<PlannedTrial> Trials)
{
    public static PlannedSession Of(TargetManifest target, int trial, SessionPhase phase, IEnumerable<Scenario> scenarios,
        NoiseArm? firstArm = null, int attempt = 1) =>
        new(target, trial, phase, scenarios.Select((s, i) => new PlannedTrial(s, target, trial)
        {
            Position = i + 1, Attempt = attempt, Arm = i == 0 ? firstArm : null,
        }).ToList());
}

/// <summary>
/// The phases of a run, in order. A scenario whose rate comes from another (<see cref="RateOf"/>) can only run
/// once that one has been measured on every target; cold starts run on their own, last.
/// </summary>
public enum SessionPhase { Load, DerivedRate, ColdStart }

/// <summary>
/// The order of a run. A run is made of sessions: one fresh target serves every scenario of a phase in file
/// order, once per trial (TechEmpower's way: start the framework, then run its tests one after another, each
/// with its own warmup). Per-scenario restarts would spend the time budget on start-ups and warmups: a JIT
/// runtime reaches steady state once per process, not once per endpoint.
/// For each phase and trial every target gets one session; the target order alternates (A B C D, then
/// D C B A, ...) so that slow drift of the machine (heat, background jobs) falls on every target alike.
/// Trial r of a phase gives a target the scenarios it gets at least r trials of (<see cref="CellTrials"/>).
/// With a noise floor, the noise-floor target's (or else the first target's) trials of the run's first scenario are arm A1 of an A/A comparison,
/// and each of their rounds gets one more session of the same target serving that scenario alone, arm A2, at
/// the round's other end (A B C D A2, then A2 D C B A).
/// </summary>
public static class RunPlan
{
    /// <param name="cells">the trials of each cell (<see cref="ClaimCells.Trials"/>); null: <see cref="Scenario.TrialsFor"/>
    /// <paramref name="trials"/> on every cell. A target's session holds the scenarios measured on it in that round; a
    /// target with none gets no session there.</param>
    /// <param name="noiseTarget">the target the A/A comparison should use (<see cref="Core.Claims.ClaimCatalog.NoiseFloorTarget"/>)</param>
    public static IReadOnlyList<PlannedSession> Create(IReadOnlyList<Scenario> scenarios, IReadOnlyList<TargetManifest> targets, int trials,
        bool noiseFloor = false, CellTrials? cells = null, string? noiseTarget = null)
    {
        if (trials < 1) throw new Core.BenchException($"--trials must be at least 1 (got {trials}).");
        cells ??= (s, _) => s.TrialsFor(trials);
        var plan = new List<PlannedSession>();
        var round = 0;
        var aaScenario = scenarios.FirstOrDefault(s => s.Load.Model != LoadKind.Startup);
        // the A/A pair is the catalog's noise-floor target when this run measures it on the first scenario, else the first
        // target that is (every target, unless --quick leaves some out)
        var measured = aaScenario is null ? [] : targets.Where(t => cells(aaScenario, t) > 0).ToList();
        var aaTarget = measured.FirstOrDefault(t => t.Name == noiseTarget) ?? measured.FirstOrDefault();
        foreach (var phase in Enum.GetValues<SessionPhase>())
        {
            var inPhase = scenarios.Where(s => PhaseOf(s) == phase).ToList();
            if (inPhase.Count == 0) continue;
            var rounds = inPhase.SelectMany(s => targets.Select(t => cells(s, t))).DefaultIfEmpty(0).Max();
            for (var trial = 1; trial <= rounds; trial++)
            {
                var served = inPhase.Where(s => targets.Any(t => cells(s, t) >= trial)).ToList();
                // one start is one cold-start trial: those sessions hold a single scenario each
                var groups = phase == SessionPhase.ColdStart ? served.Select(s => (List<Scenario>)[s]).ToList() : [served];
                foreach (var group in groups)
                {
                    var aa = noiseFloor && group[0] == aaScenario && aaTarget is not null && cells(aaScenario!, aaTarget) >= trial;
                    var entries = targets
                        .Select(t => (Target: t, Scenarios: group.Where(s => cells(s, t) >= trial).ToList()))
                        .Where(x => x.Scenarios.Count > 0)
                        .Select(x => PlannedSession.Of(x.Target, trial, phase, x.Scenarios, aa && x.Target == aaTarget ? NoiseArm.A1 : null))
                        .ToList();
                    if (entries.Count == 0) continue;
                    if (aa) entries.Add(PlannedSession.Of(aaTarget!, trial, phase, [aaScenario!], NoiseArm.A2));
                    if (round++ % 2 == 1) entries.Reverse();
                    plan.AddRange(entries);
                }
            }
        }
        return plan;
    }

    public static SessionPhase PhaseOf(Scenario s) => s.Load switch
    {
        { Model: LoadKind.Startup } => SessionPhase.ColdStart,
        { RateOf: not null } => SessionPhase.DerivedRate,
        _ => SessionPhase.Load,
    };
}
