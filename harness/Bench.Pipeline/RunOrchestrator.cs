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
    void TrialStarting(PlannedTrial trial, int index, int count);
    void LoadSecond(PlannedTrial trial, LoadSecond second);
    void TrialFinished(PlannedTrial trial, TrialResult result, int index, int count);
}

/// <summary>
/// The run: plan the trials, run each on a fresh target, append each result as it finishes. Targets must be
/// built and the database started by the caller, which also owns their cleanup.
/// A trial the machine disturbed (stolen, throttled, interference) runs again at once, on a fresh target, up
/// to <see cref="RunContext.Retries"/> times; every attempt stays in results.json, the replaced ones marked.
/// </summary>
public sealed class RunOrchestrator(ITargetRuntime runtime, RunContext context, IRunObserver observer)
{
    public async Task<ResultsStore> RunAsync(IReadOnlyList<TargetManifest> targets, IReadOnlyList<Scenario> scenarios, int trials,
        string outDir, CancellationToken ct)
    {
        // From here on the harness is the load generator: it and its thread pool stay off the target's cores, which
        // is also what lets the machine figures charge the engine's cores, and only those, to the harness.
        CpuAffinity.PinProcess(CpuList.Parse(context.Cpus.EngineCpus).ToArray());
        var plan = RunPlan.Create(scenarios, targets, trials, context.NoiseFloor);
        var trialContext = context with { DatabaseProcesses = await context.Database.ProcessesAsync(ct) };
        var header = new RunResults
        {
            RunId = Path.GetFileName(Path.GetFullPath(outDir).TrimEnd('/')),
            StartedUtc = DateTime.UtcNow,
            Environment = await EnvironmentProbe.ReadAsync(targets, runtime.Name, ct),
            Settings = new RunSettings
            {
                Targets = targets.Select(t => t.Name).ToList(),
                Scenarios = scenarios.Select(s => Describe(s, context)).ToList(),
                Trials = trials,
                Quick = context.Quick,
                EngineCpus = context.Cpus.EngineCpus,
                TargetCpus = context.Cpus.TargetCpus,
                DatabaseCpus = context.Cpus.DatabaseCpus,
                DbPoolSize = context.DbPoolSize,
                Database = context.DatabaseKind,
                TargetLimits = runtime.Limits,
                Retries = context.Retries,
            },
        };
        var store = new ResultsStore(outDir, header);
        var runner = new TrialRunner(runtime, trialContext);
        var runStart = MachineCpu.ReadStat().PerCpu;
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                for (var trial = plan[i]; ; trial = trial with { Attempt = trial.Attempt + 1 })
                {
                    observer.TrialStarting(trial, i, plan.Count);
                    var progress = new Progress(second => observer.LoadSecond(trial, second));
                    var result = await runner.RunAsync(trial, store, progress, ct);
                    var again = TrialFlags.IsDisturbed(result.Flags) && trial.Attempt <= context.Retries;
                    if (again) result = result with { Retried = true };
                    store.Append(result);
                    observer.TrialFinished(trial, result, i, plan.Count);
                    if (!again) break;
                }
            }
        }
        catch (Exception e)
        {
            if (e is OperationCanceledException && ct.IsCancellationRequested) store.EndEarly(RunStatus.Interrupted);
            else store.EndEarly(RunStatus.Failed, e.Message);
            throw;
        }
        store.Finish(RunMachine.Summarise(runStart, MachineCpu.ReadStat().PerCpu, context.Cpus, store.Trials, context.MachineThresholds),
            NoiseFloor.From(store.Trials));
        return store;
    }

    private static ScenarioSettings Describe(Scenario s, RunContext context)
    {
        var (duration, warmup, maxWarmup) = context.Timing(s);
        return new ScenarioSettings(s.Name, s.Claim, s.Request.Method, s.Request.Path, s.Load.Model, s.Load.Connections,
            duration.TotalSeconds, warmup.TotalSeconds, maxWarmup?.TotalSeconds, s.Load.Rate, s.Load.RampTo, s.Load.Pipeline);
    }

    /// <summary>Synchronous IProgress: the engine reports from its own thread, the observer decides how to show it.</summary>
    private sealed class Progress(Action<LoadSecond> report) : IProgress<LoadSecond>
    {
        public void Report(LoadSecond value) => report(value);
    }
}
