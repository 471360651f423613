using Bench.Core.Scenarios;
using Bench.Load;
using Bench.Load.Models;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Resources;
using Bench.Runtime.Targets;

namespace Bench.Pipeline;

/// <summary>
/// One trial on a target its session started (<see cref="SessionRunner"/>): the memory before the load, an
/// unrecorded warmup, then the measured window with the target's resources sampled alongside.
/// </summary>
public sealed class TrialRunner(ITargetRuntime runtime, RunContext context)
{
    public async Task<TrialResult> RunAsync(PlannedTrial planned, IRunningTarget running, ResultsStore store, IProgress<LoadSecond>? progress, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        // before this scenario's load: a fresh target's idle memory at position 1, what earlier scenarios left after it
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
            Model = scenario.Load.Model == LoadKind.Open
                ? LoadModel.Ramp(scenario.Load.Rate!.Value, scenario.Load.RampTo ?? scenario.Load.Rate.Value)
                : LoadModel.Closed,
        };
        var (duration, warmup, maxWarmup) = context.Timing(scenario, first: planned.Position == 1);
        var pool = scenario.UsesDatabase && WarmupSpec(spec) is { } poolLoad
            ? await PoolWarmup.RunAsync(poolLoad, context.Database.ConnectionString, running.Launch.DbPoolSize, ct)
            : ((TimeSpan Took, int Sessions)?)null;
        var warm = await WarmUpAsync(spec, warmup, maxWarmup, ct);

        var processes = await running.ProcessesAsync(ct);
        await using var recorder = new ResourceRecorder(running.SampleAsync, running.PssBytes, context.Database.CpuSecondsAsync);
        await recorder.StartAsync(ct);
        // The machine marks bracket the load run tightly, inside the recorder's readings.
        var before = await MachineMark.TakeAsync(running, processes, context.DatabaseProcesses, ct, context.Database.CpuSecondsAsync);
        // CPU time is read when the engine's measured window opens and closes: the requests counted and
        // the CPU spent on them cover the same time, without connection set-up and teardown.
        var load = await LoadEngine.RunAsync(spec with { Warmup = warm.InRun, Duration = duration, WindowOpened = recorder.MarkWindowStart, WindowClosed = recorder.MarkWindowEnd },
            progress, ct);
        var after = await MachineMark.TakeAsync(running, processes, context.DatabaseProcesses, ct, context.Database.CpuSecondsAsync);
        var usage = await recorder.StopAsync(ct);
        var withDatabase = usage.CpuSeconds + usage.DatabaseCpuSeconds;
        if (load.Cancelled) ct.ThrowIfCancellationRequested();
        var machine = MachineNoise.Compute(before, after, context.Cpus, processes?.SessionId, context.DatabaseProcesses?.SessionId, Environment.ProcessId);

        var histogram = store.HistogramPath(planned);
        var histogramPath = Path.Combine(store.Directory, histogram);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(histogramPath)!);
            load.SaveHlog(histogramPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(histogramPath)) File.Delete(histogramPath); // no half-written histogram
            throw store.WriteFailed(histogramPath, e);
        }
        return TrialResult.Of(planned, runtime.Name, started) with
        {
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
            WarmupSeconds = Math.Round((warm.OwnRun + warm.InRun).TotalSeconds, 1),
            WarmupSteady = warm.Steady,
            PoolWarmupSeconds = pool is { } p ? Math.Round(p.Took.TotalSeconds, 2) : null,
            DatabaseSessions = pool?.Sessions,
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
            Flags = [.. TrialFlags.For(load, usage, warm.Steady), .. TrialFlags.ForMachine(machine, context.MachineThresholds)],
        };
    }

    /// <summary>
    /// The warmup: what runs as an engine run of its own (<c>OwnRun</c>) and what opens the window's run
    /// (<c>InRun</c>, <see cref="LoadSpec.Warmup"/>). The window opens inside a running load, never at its start: a
    /// closed model whose connections all send at once answers in waves (1 s requests in a 3 s window: three waves,
    /// the last landing at the window's edge), so a window opened on a fresh start counts whole waves, not a flow.
    /// A fixed warmup therefore runs in the window's run. An until-steady warmup runs on its own (the detector cuts
    /// it short, at least <paramref name="warmup"/>, at most <paramref name="maxWarmup"/>), and the window's run then
    /// settles for two of its last p99 latencies (0.5 s to 5 s). A ramp's fixed warmup holds its start rate in a
    /// run of its own (an open model sends on its schedule, not in waves).
    /// </summary>
    private static async Task<(TimeSpan OwnRun, TimeSpan InRun, bool? Steady)> WarmUpAsync(LoadSpec spec, TimeSpan warmup, TimeSpan? maxWarmup, CancellationToken ct)
    {
        if (WarmupSpec(spec) is not { } warm) return (TimeSpan.Zero, TimeSpan.Zero, null);
        if (maxWarmup is not { } max)
        {
            if (spec.Model is not RampModel { IsConstant: false }) return (TimeSpan.Zero, warmup, null);
            if (warmup > TimeSpan.Zero) await LoadEngine.RunAsync(warm with { Duration = warmup }, null, ct);
            return (warmup, TimeSpan.Zero, null);
        }
        using var steadyNow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var detector = new SteadyState(warmup, steadyNow.Cancel, byLatency: warm.Model is RampModel);
        var run = await LoadEngine.RunAsync(warm with { Duration = max }, detector, steadyNow.Token);
        if (run.Cancelled) ct.ThrowIfCancellationRequested(); // Ctrl-C, not the detector
        var lastP99Us = run.Timeline.LastOrDefault(s => s.Requests > 0)?.P99Us ?? 0;
        return (TimeSpan.FromSeconds(run.DurationSeconds),
            Clamp(TimeSpan.FromMicroseconds(2.0 * lastP99Us), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5)), detector.IsSteady);
    }

    private static TimeSpan Clamp(TimeSpan t, TimeSpan min, TimeSpan max) => t < min ? min : t > max ? max : t;

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
}
