using System.Diagnostics;

namespace Bench.Runtime.Resources;

/// <summary>
/// Follows a target's resources through a measured window: memory polled at a fixed rate (default 20 Hz)
/// for the peak and a timeline, PSS about once a second, and CPU time (the target's, and the database's)
/// read at the window's own edges. The load engine calls <see cref="MarkWindowStart"/> and
/// <see cref="MarkWindowEnd"/> when its measured window opens and closes, so CPU time covers the very
/// window the request count covers, not connection set-up and teardown around it. Serves a local target's
/// cgroup, /proc, and a container alike.
/// </summary>
public sealed class ResourceRecorder : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<ResourceSnapshot>> _sample;
    private readonly Func<long?>? _pss;
    private readonly Func<CancellationToken, Task<double?>>? _databaseCpu;
    private readonly TimeSpan _interval;
    private readonly int _pssEvery;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ResourceSample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _loop;
    private ResourceSnapshot _first, _peak;
    private long? _peakPss;
    private Task<Mark>? _windowStart, _windowEnd;
    private long _startedAt;

    /// <param name="sample">the target's memory and cumulative CPU time</param>
    /// <param name="pss">the target's proportional set size, read about once a second; null where there is none</param>
    /// <param name="databaseCpu">the database's cumulative CPU seconds (null: unknown, e.g. an external server)</param>
    public ResourceRecorder(Func<CancellationToken, Task<ResourceSnapshot>> sample, Func<long?>? pss = null,
        Func<CancellationToken, Task<double?>>? databaseCpu = null, TimeSpan? interval = null)
    {
        _sample = sample;
        _pss = pss;
        _databaseCpu = databaseCpu;
        _interval = interval ?? TimeSpan.FromMilliseconds(50);
        _pssEvery = Math.Max(1, (int)Math.Round(TimeSpan.FromSeconds(1) / _interval));
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        _first = _peak = await _sample(ct);
        if (_databaseCpu is not null) await _databaseCpu(ct); // opens whatever the reading needs, before the window
        _peakPss = _pss?.Invoke();
        _clock.Restart();
        _startedAt = Stopwatch.GetTimestamp();
        lock (_samples) _samples.Add(new ResourceSample(0, _first.MemoryBytes, 0));
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>The measured window opens now: reads CPU times (synchronously up to the first real wait: a cgroup read is).</summary>
    public void MarkWindowStart() => _windowStart = ReadMarkAsync();

    /// <summary>The measured window has closed.</summary>
    public void MarkWindowEnd() => _windowEnd = ReadMarkAsync();

    private async Task<Mark> ReadMarkAsync()
    {
        var at = Stopwatch.GetTimestamp();
        var target = await _sample(_stop.Token);
        var database = _databaseCpu is null ? null : await _databaseCpu(_stop.Token);
        Observe(target);
        return new Mark(at, target.CpuSeconds, database);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(_stop.Token); tick++)
            {
                var s = await _sample(_stop.Token);
                Observe(s);
                if (_pss is not null && tick % _pssEvery == 0) ObservePss(_pss());
                lock (_samples) _samples.Add(new ResourceSample(_clock.Elapsed.TotalSeconds, s.MemoryBytes, s.CpuSeconds - _first.CpuSeconds));
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception) { /* the target went away mid-window: keep what was sampled */ }
    }

    private void Observe(ResourceSnapshot s)
    {
        lock (_samples) if (s.MemoryBytes > _peak.MemoryBytes) _peak = s;
    }

    private void ObservePss(long? pss)
    {
        lock (_samples) if (pss > (_peakPss ?? 0)) _peakPss = pss;
    }

    /// <summary>Stops polling, takes a last reading, and summarises the window.</summary>
    public async Task<ResourceUsage> StopAsync(CancellationToken ct = default)
    {
        var stopped = Stopwatch.GetTimestamp();
        _stop.Cancel();
        if (_loop is not null) await _loop;
        var last = await _sample(ct);
        Observe(last);
        if (_pss is not null) ObservePss(_pss());
        // Without both marks (the load failed or was cancelled), the window is the recorder's own: start to stop.
        var marks = await MarksAsync();
        var (start, end) = marks ?? (new Mark(_startedAt, _first.CpuSeconds, null), new Mark(stopped, last.CpuSeconds, null));
        lock (_samples)
        {
            _samples.Add(new ResourceSample(_clock.Elapsed.TotalSeconds, last.MemoryBytes, last.CpuSeconds - _first.CpuSeconds));
            return new ResourceUsage
            {
                Peak = _peak,
                KernelPeakBytes = last.KernelPeakBytes,
                PeakPssBytes = _peakPss,
                CpuSeconds = end.CpuSeconds - start.CpuSeconds,
                DatabaseCpuSeconds = end.DatabaseCpuSeconds - start.DatabaseCpuSeconds,
                CpuWindowSeconds = (end.At - start.At) / (double)Stopwatch.Frequency,
                CpuWindowIsMeasuredWindow = marks is not null,
                Samples = [.. _samples],
            };
        }
    }

    private async Task<(Mark, Mark)?> MarksAsync()
    {
        if (_windowStart is null || _windowEnd is null) return null;
        try { return (await _windowStart, await _windowEnd); }
        catch (Exception) { return null; } // a reading failed: the target went away
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }

    private sealed record Mark(long At, double CpuSeconds, double? DatabaseCpuSeconds);
}

public sealed record ResourceSample(double ElapsedSeconds, long MemoryBytes, double CpuSeconds);

/// <summary>A measured window: peak memory, CPU seconds the target (and the database) burned, and the timeline behind them.</summary>
public sealed record ResourceUsage
{
    /// <summary>The reading with the highest memory (polled, so a spike shorter than the interval can fall between readings).</summary>
    public required ResourceSnapshot Peak { get; init; }
    /// <summary>The kernel's high-water mark at the end: catches any spike, but since the group was made (start-up included).</summary>
    public long? KernelPeakBytes { get; init; }
    public long? PeakPssBytes { get; init; }
    public required double CpuSeconds { get; init; }
    public double? DatabaseCpuSeconds { get; init; }
    /// <summary>How long the CPU window lasted.</summary>
    public required double CpuWindowSeconds { get; init; }
    /// <summary>True when the load engine marked its measured window; false: the CPU window is the recorder's start to stop.</summary>
    public required bool CpuWindowIsMeasuredWindow { get; init; }
    public IReadOnlyList<ResourceSample> Samples { get; init; } = [];
}
