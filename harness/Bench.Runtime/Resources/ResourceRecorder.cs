using System.Diagnostics;

namespace Bench.Runtime.Resources;

/// <summary>
/// Polls a target's resource readings at a fixed rate (default 20 Hz) during a measured window and keeps
/// the peak and a timeline; the same recorder serves /proc (local) and the Docker stats API.
/// </summary>
public sealed class ResourceRecorder : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<ResourceSnapshot>> _sample;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ResourceSample> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _loop;
    private ResourceSnapshot _first;

    public ResourceRecorder(Func<CancellationToken, Task<ResourceSnapshot>> sample, TimeSpan? interval = null)
    {
        _sample = sample;
        _interval = interval ?? TimeSpan.FromMilliseconds(50);
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        _first = await _sample(ct);
        _clock.Restart();
        lock (_samples) _samples.Add(new ResourceSample(0, _first.RssBytes, 0));
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var s = await _sample(_stop.Token);
                lock (_samples) _samples.Add(new ResourceSample(_clock.Elapsed.TotalSeconds, s.RssBytes, s.CpuSeconds - _first.CpuSeconds));
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception) { /* the target went away mid-window: keep what was sampled */ }
    }

    /// <summary>Stops polling, takes a last reading, and summarises the window.</summary>
    public async Task<ResourceUsage> StopAsync(CancellationToken ct = default)
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        var last = await _sample(ct);
        lock (_samples)
        {
            _samples.Add(new ResourceSample(_clock.Elapsed.TotalSeconds, last.RssBytes, last.CpuSeconds - _first.CpuSeconds));
            return new ResourceUsage(_samples.Max(s => s.RssBytes), last.CpuSeconds - _first.CpuSeconds, _clock.Elapsed.TotalSeconds, [.. _samples]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}

public sealed record ResourceSample(double ElapsedSeconds, long RssBytes, double CpuSeconds);

/// <summary>A measured window: peak memory, CPU seconds the target burned, and the timeline behind them.</summary>
public sealed record ResourceUsage(long PeakRssBytes, double CpuSeconds, double WindowSeconds, IReadOnlyList<ResourceSample> Samples);
