using System.Diagnostics;
using Bench.Load.Bound;
using Bench.Load.Models;
using Bench.Load.Monitoring;
using Bench.Load.Native;
using Bench.Load.Recording;
using Bench.Load.Workers;
using HdrHistogram;

namespace Bench.Load;

/// <summary>
/// Runs a <see cref="LoadSpec"/>: one worker thread (event loop) per CPU the process may use, each
/// driving its share of the connections, then merges what the workers recorded into a <see cref="LoadResult"/>.
/// </summary>
public static class LoadEngine
{
    /// <summary>Runs the load. Cancelling stops it early; the result then covers the time actually run (<see cref="LoadResult.Cancelled"/>).</summary>
    public static async Task<LoadResult> RunAsync(LoadSpec spec, IProgress<LoadSecond>? progress = null, CancellationToken ct = default)
    {
        spec.Validate();
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the load engine drives sockets through Linux epoll");
        var endPoint = await LoadPreflight.ResolveAsync(spec.Target, ct).ConfigureAwait(false);
        var cores = CpuAffinity.AllowedCpuCount();
        var plans = Plan(spec, new SockAddr(endPoint), Math.Min(spec.Workers ?? cores, spec.Connections));
        var workers = plans.Select(p => new Worker(p)).ToArray();
        try
        {
            var cpu = new CpuMonitor(cores, () => workers.Sum(w => w.SpinTicks));
            return await DriveAsync(spec, workers, cpu, progress, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var w in workers) w.Dispose();
        }
    }

    private static WorkerPlan[] Plan(LoadSpec spec, SockAddr address, int workerCount)
    {
        var variants = spec.EffectiveRequests.Variants;
        var ramp = spec.Model as RampModel;
        var plans = new WorkerPlan[workerCount];
        for (var i = 0; i < workerCount; i++)
        {
            var connections = Share(spec.Connections, workerCount, i);
            var share = connections / (double)spec.Connections; // rate follows the connections a worker drives
            var peakRate = ramp is null ? 0 : Math.Max(ramp.FromRequestsPerSecond, ramp.ToRequestsPerSecond) * share;
            plans[i] = new WorkerPlan
            {
                Id = i,
                Connections = connections,
                Address = address,
                Variants = variants,
                PipelineDepth = spec.PipelineDepth,
                TimeoutTicks = Ticks.FromTimeSpan(spec.RequestTimeout),
                ReconnectDelayTicks = Ticks.FromTimeSpan(spec.ReconnectDelay),
                Validator = spec.Validator,
                Budget = spec.MaxRequests is { } max ? Share(max, workerCount, i) : long.MaxValue,
                Open = ramp is not null,
                RateFrom = (ramp?.FromRequestsPerSecond ?? 0) * share,
                RateTo = (ramp?.ToRequestsPerSecond ?? 0) * share,
                // stagger the workers' timetables so they do not all send at the same instant
                PhaseSeconds = peakRate > 0 ? i / (double)workerCount / peakRate : 0,
                MissedThresholdTicks = Ticks.FromTimeSpan(spec.MissedScheduleThreshold),
                Warmup = spec.Warmup,
                Duration = spec.Duration,
                TimelineSeconds = (int)Math.Ceiling((spec.Warmup + spec.Duration).TotalSeconds) + 2,
                BusyPollTicks = Ticks.FromTimeSpan(spec.BusyPoll),
            };
        }
        return plans;
    }

    private static int Share(long total, int parts, int index) => (int)(total / parts + (index < total % parts ? 1 : 0));

    private static async Task<LoadResult> DriveAsync(LoadSpec spec, Worker[] workers, CpuMonitor cpu,
        IProgress<LoadSecond>? progress, CancellationToken ct)
    {
        var countBounded = spec.MaxRequests is not null;
        var connected = new TaskCompletionSource[workers.Length];
        var finished = new TaskCompletionSource[workers.Length];
        using var go = new ManualResetEventSlim();
        long start = 0;
        for (var i = 0; i < workers.Length; i++)
        {
            var (w, c, f) = (workers[i], connected[i] = new(TaskCreationOptions.RunContinuationsAsynchronously),
                finished[i] = new(TaskCreationOptions.RunContinuationsAsynchronously));
            new Thread(() =>
            {
                try
                {
                    w.Connect();
                    c.SetResult();
                    go.Wait();
                    w.Run(Volatile.Read(ref start), countBounded);
                    f.SetResult();
                }
                catch (Exception e)
                {
                    c.TrySetException(e);
                    f.TrySetException(e);
                }
            }) { IsBackground = true, Name = $"bench-load-{i}" }.Start();
        }
        await Task.WhenAll(connected.Select(c => c.Task)).ConfigureAwait(false);

        using var stop = ct.Register(() => { foreach (var w in workers) w.Stop(); });
        if (spec.Warmup <= TimeSpan.Zero) spec.WindowOpened?.Invoke(); // after a warmup, the monitor calls it
        // a few ms ahead, so every worker thread is awake and spinning when the clock starts
        Volatile.Write(ref start, Stopwatch.GetTimestamp() + Stopwatch.Frequency / 500);
        go.Set();
        var allDone = Task.WhenAll(finished.Select(f => f.Task));

        var monitor = new ProgressMonitor(workers, start, spec.Warmup, cpu, progress, spec.WindowOpened);
        await monitor.RunUntilAsync(allDone).ConfigureAwait(false);
        await allDone.ConfigureAwait(false);
        spec.WindowClosed?.Invoke();

        return Merge(spec, workers, start, countBounded, monitor, ct.IsCancellationRequested);
    }

    private static LoadResult Merge(LoadSpec spec, Worker[] workers, long start, bool countBounded, ProgressMonitor monitor, bool cancelled)
    {
        var histogram = LatencyRecorder.Create();
        var errors = new ErrorCounts();
        long successes = 0, reconnects = 0, unfinished = 0;
        foreach (var w in workers)
        {
            histogram.Add(w.Latency.Histogram);
            errors.Add(w.Errors);
            successes += w.Successes;
            reconnects += w.Reconnects;
            unfinished += w.UnfinishedAtEnd;
        }
        var ended = workers.Max(w => w.Ended);
        var measureStart = countBounded ? start : start + Ticks.FromTimeSpan(spec.Warmup);
        var measuredSeconds = Math.Max(Ticks.ToSeconds(ended - measureStart), 1e-9);
        var startedAt = DateTime.UtcNow - TimeSpan.FromSeconds(Ticks.ToSeconds(Stopwatch.GetTimestamp() - measureStart));
        histogram.StartTimeStamp = new DateTimeOffset(startedAt).ToUnixTimeMilliseconds();
        histogram.EndTimeStamp = histogram.StartTimeStamp + (long)(measuredSeconds * 1000);

        OpenModelSummary? open = null;
        if (spec.Model is RampModel ramp)
        {
            var c = workers.Select(w => w.OpenCounts).ToArray();
            var lateness = LatencyRecorder.Create();
            foreach (var x in c) if (x.SendLateness is { } h) lateness.Add(h);
            var hasLateness = lateness.TotalCount > 0;
            open = new OpenModelSummary(ramp.ToRequestsPerSecond, c.Sum(x => x.Scheduled), c.Sum(x => x.Sent),
                c.Sum(x => x.MissedSchedule), c.Sum(x => x.MaxBacklog), c.Sum(x => x.BacklogAtEnd),
                (long)spec.MissedScheduleThreshold.TotalMicroseconds,
                hasLateness ? lateness.GetValueAtPercentile(50) : 0, hasLateness ? lateness.GetValueAtPercentile(99) : 0,
                hasLateness ? lateness.GetMaxValue() : 0);
        }

        var cpuPercent = Math.Round(monitor.MeasuredCpuPercent, 1);
        var latency = LatencySummary.From(histogram);
        var requestsPerSecond = Math.Round(successes / measuredSeconds, 1);
        var evidence = EngineEvidenceBuilder.From(spec, [.. workers.Select(w => w.Time)], requestsPerSecond, latency, cpuPercent,
            countBounded, EngineCeiling.DefaultPath);
        var engineBound = EngineBound.From(evidence, closedModel: spec.Model is not RampModel);
        return new LoadResult
        {
            Target = spec.Target.ToString(),
            Model = spec.Model.Name,
            Connections = spec.Connections,
            Workers = workers.Length,
            PipelineDepth = spec.PipelineDepth,
            DurationSeconds = Math.Round(measuredSeconds, 3),
            WarmupSeconds = countBounded ? 0 : spec.Warmup.TotalSeconds,
            Requests = successes,
            RequestsPerSecond = requestsPerSecond,
            Latency = latency,
            Errors = new ErrorSummary
            {
                Total = errors.Total,
                ConnectRefused = errors.ConnectRefused,
                Reset = errors.Reset,
                Timeout = errors.Timeout,
                BodyMismatch = errors.BodyMismatch,
                Other = errors.Other,
                Status = Enumerable.Range(0, errors.Status.Length).Where(code => errors.Status[code] > 0)
                    .ToDictionary(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture), code => errors.Status[code]),
            },
            UnfinishedAtEnd = unfinished,
            OpenModel = open,
            Timeline = monitor.Timeline(ended),
            LoadGeneratorBound = engineBound.Bound,
            EngineBound = engineBound,
            EngineCpuPercent = cpuPercent,
            EngineCpus = CpuAffinity.AllowedCpuList(),
            Reconnects = reconnects,
            EngineAllocatedBytesPerRequest = Math.Round(workers.Sum(w => w.MeasuredAllocatedBytes) / (double)Math.Max(1, successes + errors.Total), 3),
            Cancelled = cancelled,
            Histogram = histogram,
        };
    }
}
