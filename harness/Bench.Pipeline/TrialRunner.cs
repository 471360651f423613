using Bench.Core;
using Bench.Load;
using Bench.Load.Models;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Resources;
using Bench.Runtime.Targets;

namespace Bench.Pipeline;

/// <summary>
/// One trial: a fresh target instance, idle memory, an unrecorded warmup, then the measured window with
/// the target's resources sampled alongside. Always stops the target, whatever happens.
/// </summary>
public sealed class TrialRunner(ITargetRuntime runtime, RunContext context)
{
    /// <summary>Time the freshly started target gets to settle before its idle memory is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    public async Task<TrialResult> RunAsync(PlannedTrial planned, ResultsStore store, IProgress<LoadSecond>? progress, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var launch = new TargetLaunch
        {
            Target = planned.Target,
            DatabaseUrl = context.Database.Url,
            JwtSecret = context.JwtSecret,
            Cpus = context.Cpus.TargetCpus,
            DbPoolSize = context.DbPoolSize,
        };
        IRunningTarget running;
        try
        {
            running = await runtime.StartAsync(launch, ct);
        }
        catch (BenchException e)
        {
            return Failed(planned, started, e.Message);
        }

        await using (running)
        {
            await Task.Delay(Settle, ct);
            var idle = await running.SampleAsync(ct);
            var idlePss = running.PssBytes();
            var scenario = planned.Scenario;
            var spec = new LoadSpec
            {
                Target = running.BaseUri,
                Requests = RequestFactory.Build(scenario.Request, running.BaseUri, context.JwtSecret),
                Validator = RequestFactory.Validator(scenario.Request),
                Connections = scenario.Load.Connections,
                PipelineDepth = scenario.Load.Pipeline,
                RequestTimeout = scenario.Load.Timeout,
                Ceiling = context.EngineCeiling,
                Model = scenario.Load.Model == "open"
                    ? LoadModel.Ramp(scenario.Load.Rate!.Value, scenario.Load.RampTo ?? scenario.Load.Rate.Value)
                    : LoadModel.Closed,
            };
            var (duration, warmup, maxWarmup) = context.Timing(scenario);
            var (warmedFor, steady) = await WarmUpAsync(spec, warmup, maxWarmup, ct);

            var processes = await running.ProcessesAsync(ct);
            await using var recorder = new ResourceRecorder(running.SampleAsync, running.PssBytes, context.Database.CpuSecondsAsync);
            await recorder.StartAsync(ct);
            // The machine marks bracket the load run tightly, inside the recorder's readings.
            var before = await MachineMark.TakeAsync(running, processes, context.DatabaseProcesses, ct);
            // CPU time is read when the engine's measured window opens and closes: the requests counted and
            // the CPU spent on them cover the same time, without connection set-up and teardown.
            var load = await LoadEngine.RunAsync(spec with { Duration = duration, WindowOpened = recorder.MarkWindowStart, WindowClosed = recorder.MarkWindowEnd },
                progress, ct);
            var after = await MachineMark.TakeAsync(running, processes, context.DatabaseProcesses, ct);
            var usage = await recorder.StopAsync(ct);
            var withDatabase = usage.CpuSeconds + usage.DatabaseCpuSeconds;
            if (load.Cancelled) ct.ThrowIfCancellationRequested();
            var machine = MachineNoise.Compute(before, after, context.Cpus, processes?.SessionId, context.DatabaseProcesses?.SessionId, Environment.ProcessId);

            var histogram = store.HistogramPath(planned);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(store.Directory, histogram))!);
            load.SaveHlog(Path.Combine(store.Directory, histogram));
            return new TrialResult
            {
                Target = planned.Target.Name,
                Scenario = scenario.Name,
                Trial = planned.Trial,
                Attempt = planned.Attempt,
                Arm = planned.Arm,
                Runtime = runtime.Name,
                StartedUtc = started,
                RequestsPerSecond = Math.Round(load.RequestsPerSecond, 1),
                Requests = load.Requests,
                DurationSeconds = load.DurationSeconds,
                Latency = load.Latency,
                Errors = load.Errors,
                OpenModel = load.OpenModel,
                UnfinishedAtEnd = load.UnfinishedAtEnd,
                LoadGeneratorBound = load.LoadGeneratorBound,
                EngineBound = load.EngineBound,
                EngineCpuPercent = load.EngineCpuPercent,
                WarmupSeconds = Math.Round(warmedFor.TotalSeconds, 1),
                WarmupSteady = steady,
                StartupMs = Math.Round(running.StartupMs, 1),
                StartupClock = running.StartupClock,
                StartupPollMs = Math.Round(running.StartupPollMs, 2),
                IdleRssBytes = idle.MemoryBytes,
                PeakRssBytes = usage.Peak.MemoryBytes,
                MemorySource = running.MemorySource,
                KernelPeakBytes = usage.KernelPeakBytes,
                PeakAnonBytes = usage.Peak.AnonBytes,
                PeakFileBytes = usage.Peak.FileBytes,
                IdlePssBytes = idlePss,
                PeakPssBytes = usage.PeakPssBytes,
                TargetCpuSeconds = Math.Round(usage.CpuSeconds, 3),
                RequestsPerCpuSecond = usage.CpuSeconds > 0 ? Math.Round(load.Requests / usage.CpuSeconds, 1) : null,
                DatabaseCpuSeconds = usage.DatabaseCpuSeconds is { } db ? Math.Round(db, 3) : null,
                RequestsPerCpuSecondWithDatabase = withDatabase > 0 ? Math.Round(load.Requests / withDatabase.Value, 1) : null,
                ArtifactBytes = running.ArtifactBytes,
                HistogramFile = histogram,
                Timeline = load.Timeline,
                Machine = machine,
                Flags = [.. TrialFlags.For(load, usage, steady), .. TrialFlags.ForMachine(machine, context.MachineThresholds)],
            };
        }
    }

    /// <summary>
    /// Warmup as its own run: JITs and pools warm up, and the measured window's CPU time starts clean. With a
    /// maximum, it runs until the target is steady (<see cref="SteadyState"/>), at least <paramref name="warmup"/>.
    /// </summary>
    private static async Task<(TimeSpan Ran, bool? Steady)> WarmUpAsync(LoadSpec spec, TimeSpan warmup, TimeSpan? maxWarmup, CancellationToken ct)
    {
        if (WarmupSpec(spec) is not { } warm) return (TimeSpan.Zero, null);
        if (maxWarmup is not { } max)
        {
            if (warmup > TimeSpan.Zero) await LoadEngine.RunAsync(warm with { Duration = warmup }, null, ct);
            return (warmup, null);
        }
        using var steadyNow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var detector = new SteadyState(warmup, steadyNow.Cancel, byLatency: warm.Model is RampModel);
        var run = await LoadEngine.RunAsync(warm with { Duration = max }, detector, steadyNow.Token);
        if (run.Cancelled) ct.ThrowIfCancellationRequested(); // Ctrl-C, not the detector
        return (TimeSpan.FromSeconds(run.DurationSeconds), detector.IsSteady);
    }

    /// <summary>
    /// What the warmup runs: the trial's own load, except that a ramp's warmup holds the ramp's start rate. A
    /// ramp runs from its start to its end rate over the run's duration, so the same spec with the warmup's
    /// duration would race through the whole ramp in the warmup. Null for a ramp from 0 (nothing to warm with).
    /// </summary>
    internal static LoadSpec? WarmupSpec(LoadSpec spec) => spec.Model switch
    {
        RampModel { IsConstant: false, FromRequestsPerSecond: <= 0 } => null,
        RampModel { IsConstant: false } ramp => spec with { Model = LoadModel.ConstantRate(ramp.FromRequestsPerSecond) },
        _ => spec,
    };

    private TrialResult Failed(PlannedTrial planned, DateTime started, string failure) => new()
    {
        Target = planned.Target.Name,
        Scenario = planned.Scenario.Name,
        Trial = planned.Trial,
        Attempt = planned.Attempt,
        Arm = planned.Arm,
        Runtime = runtime.Name,
        StartedUtc = started,
        Failure = failure,
        Flags = ["failed"],
    };
}
