using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Load;
using Bench.Load.Monitoring;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Targets;

namespace Bench.Pipeline;

/// <summary>Hooks for showing a run as it goes (console, CI log); the pipeline itself prints nothing.</summary>
public interface IRunObserver
{
    /// <summary>The plan is made: how many sessions and trials, and how long they should take.</summary>
    void Planned(RunEstimate estimate) { }
    void TrialStarting(PlannedTrial trial, int index, int count);
    void LoadSecond(PlannedTrial trial, LoadSecond second);
    void TrialFinished(PlannedTrial trial, TrialResult result, int index, int count);
}

/// <summary>
/// The run: plan the sessions (<see cref="RunPlan"/>), run each on a fresh target, append each trial's result as
/// it finishes. Targets must be built and the database started by the caller, which also owns their cleanup.
/// A rate derived from another scenario is resolved when its first session is due (every session of its
/// source has run by then: the phases see to that) and recorded before any trial uses it.
/// The trials of a session the machine disturbed (stolen, throttled, interference) run again at once, in a
/// session of their own on a fresh target, up to <see cref="RunContext.Retries"/> times; every attempt stays
/// in results.json, the replaced ones marked. Faults around a trial (the target, the database, the runtime) are
/// <see cref="SessionRunner"/>'s; one the run cannot go past ends it with status `failed`, every finished trial kept.
/// With a <see cref="ResumeRequest"/> it continues a run already in <c>outDir</c> (<see cref="RunResume"/>).
/// </summary>
public sealed class RunOrchestrator(ITargetRuntime runtime, RunContext context, IRunObserver observer)
{
    /// <param name="resume">continue the run stored in <paramref name="outDir"/> instead of starting one (refused with a
    /// <see cref="Core.BenchException"/> naming each difference when its settings differ, unless forced)</param>
    public async Task<ResultsStore> RunAsync(IReadOnlyList<TargetManifest> targets, IReadOnlyList<Scenario> scenarios, int trials,
        string outDir, CancellationToken ct, ResumeRequest? resume = null)
    {
        // From here on the harness is the load generator: it and its thread pool stay off the target's cores, which
        // is also what lets the machine figures charge the engine's cores, and only those, to the harness.
        CpuAffinity.PinProcess(CpuList.Parse(context.Cpus.EngineCpus).ToArray());
        var cells = context.Cells(scenarios, targets, trials, runtime.Name);
        var plan = RunPlan.Create(scenarios, targets, trials, context.NoiseFloor, cells, context.Claims?.NoiseFloorTarget);
        // which targets set each derived rate, of those served at it in the whole plan (a resumed run's remaining part included)
        var servedAt = plan.SelectMany(p => p.Trials).GroupBy(t => t.Scenario.Name).ToDictionary(g => g.Key,
            g => (IReadOnlySet<string>)DerivedRate.Setters(g.Select(t => t.Target)).Select(t => t.Name).ToHashSet());
        var trialContext = context with { DatabaseProcesses = await context.Database.ProcessesAsync(ct) };
        var header = new RunResults
        {
            RunId = Path.GetFileName(Path.GetFullPath(outDir).TrimEnd('/')),
            StartedUtc = DateTime.UtcNow,
            Environment = await EnvironmentProbe.ReadAsync(targets, runtime.Name, ct),
            Settings = new RunSettings
            {
                Targets = targets.Select(t => t.Name).ToList(),
                Scenarios = scenarios.Select(s => Describe(s, context, targets.Max(t => cells(s, t)))).ToList(),
                Trials = trials,
                Quick = context.Quick,
                EngineCpus = context.Cpus.EngineCpus,
                TargetCpus = context.Cpus.TargetCpus,
                DatabaseCpus = context.Cpus.DatabaseCpus,
                DbPoolSize = context.DbPoolSize,
                Database = context.DatabaseKind,
                TargetLimits = runtime.Limits,
                Retries = context.Retries,
                Claims = context.ClaimsFile,
            },
        };
        var rates = new Dictionary<string, DerivedRate>();
        ResultsStore store;
        if (resume is null) store = new ResultsStore(outDir, header);
        else
        {
            var differences = RunResume.Differences(resume.Stored, header);
            if (differences.Count > 0 && !resume.Force)
                throw new Core.BenchException($"{Path.Combine(outDir, ResultsStore.FileName)} was measured differently: {string.Join("; ", differences)}. " +
                                              "Resume with the options the run had (and the same harness), or add --force to mix them.");
            store = ResultsStore.Resume(outDir, resume.Stored, new ResumeRecord(DateTime.UtcNow, header.Environment.HarnessCommit, differences));
            plan = RunResume.Remaining(plan, store.Trials);
            // the rates its trials ran at hold for the rest of the run
            foreach (var rate in resume.Stored.DerivedRates) rates[rate.Scenario] = rate;
        }
        observer.Planned(RunEstimate.Of(plan, context.Quick));
        var sessions = new SessionRunner(runtime, trialContext);
        var count = plan.Sum(s => s.Trials.Count);
        var index = 0;
        var runStart = MachineCpu.ReadStat().PerCpu;
        try
        {
            foreach (var planned in plan)
            {
                for (var session = WithRates(planned, rates, store, servedAt); session is not null; )
                {
                    var first = index;
                    var redo = new List<PlannedTrial>();
                    var notReached = await sessions.RunAsync(session, store,
                        trial => new Progress(second => observer.LoadSecond(trial, second)),
                        trial => observer.TrialStarting(trial, first + trial.Position - 1, count),
                        (trial, result) =>
                        {
                            var again = TrialFlags.IsDisturbed(result.Flags) && trial.Attempt <= context.Retries;
                            if (again)
                            {
                                result = result with { Retried = true };
                                redo.Add(trial with { Attempt = trial.Attempt + 1 });
                            }
                            store.Append(result);
                            observer.TrialFinished(trial, result, first + trial.Position - 1, count);
                        }, ct);
                    // the database was restarted under the session: what it had not reached runs on a fresh target
                    redo.AddRange(notReached);
                    session = redo.Count == 0 ? null : Again(session, redo);
                }
                index += planned.Trials.Count;
            }
        }
        catch (Exception e)
        {
            // every finished trial is in the file already; it is marked so no report takes it for a whole run
            if (e is OperationCanceledException && ct.IsCancellationRequested) store.EndEarly(RunStatus.Interrupted);
            else store.EndEarly(RunStatus.Failed, e.Message);
            throw;
        }
        store.Finish(RunMachine.Summarise(runStart, MachineCpu.ReadStat().PerCpu, context.Cpus, store.Trials, context.MachineThresholds),
            NoiseFloor.From(store.Trials), context.Claims);
        return store;
    }

    /// <summary>
    /// The session with every derived rate set, resolving (and recording) the ones not known yet. A rate that
    /// cannot be known (its source scenario failed on every target) fails the trials that need it.
    /// </summary>
    private static PlannedSession WithRates(PlannedSession session, Dictionary<string, DerivedRate> rates, ResultsStore store,
        IReadOnlyDictionary<string, IReadOnlySet<string>> servedAt)
    {
        if (session.Trials.All(t => t.Scenario.Load.RateOf is null)) return session;
        var trials = session.Trials.Select(t =>
        {
            if (t.Scenario.Load.RateOf is null) return t;
            if (!rates.TryGetValue(t.Scenario.Name, out var rate))
            {
                rates[t.Scenario.Name] = rate = DerivedRate.Resolve(t.Scenario, store.Trials, servedAt[t.Scenario.Name]);
                store.AddDerivedRate(rate);
            }
            return t with { Scenario = rate.Apply(t.Scenario) };
        }).ToList();
        return session with { Trials = trials };
    }

    /// <summary>
    /// Trials of a session, again, in a session of their own on a fresh target (the first of them warms up as the
    /// first of any session does), in the session's order (the disturbed ones come before those a restart left): the disturbed ones with their next attempt number, those a
    /// database restart kept the session from reaching with the number they had.
    /// </summary>
    private static PlannedSession Again(PlannedSession session, IEnumerable<PlannedTrial> trials) =>
        session with { Trials = trials.Select((t, i) => t with { Position = i + 1 }).ToList() };

    /// <param name="trials">the most trials a target gets of the scenario</param>
    private static ScenarioSettings Describe(Scenario s, RunContext context, int trials)
    {
        var (duration, warmup, maxWarmup) = context.Timing(s);
        return new ScenarioSettings(s.Name, s.Claim, s.Request.Method, s.Request.Path, s.Load.Model, s.Load.Connections,
            duration.TotalSeconds, warmup.TotalSeconds, maxWarmup?.TotalSeconds, s.Load.Rate, s.Load.RampTo, s.Load.Pipeline,
            trials, s.Load.RateOf);
    }

    /// <summary>Synchronous IProgress: the engine reports from its own thread, the observer decides how to show it.</summary>
    private sealed class Progress(Action<LoadSecond> report) : IProgress<LoadSecond>
    {
        public void Report(LoadSecond value) => report(value);
    }
}
