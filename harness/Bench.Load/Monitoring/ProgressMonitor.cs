using System.Diagnostics;
using Bench.Load.Recording;
using Bench.Load.Workers;

namespace Bench.Load.Monitoring;

/// <summary>
/// Runs beside the workers during a run: once a second it waits until every worker has closed that
/// second, merges their per-second records, samples the engine's CPU use and reports the second.
/// It reads only what workers have finished writing, so the workers never wait for it. After a warmup, it
/// tells <paramref name="windowOpened"/> when the measured window opens.
/// </summary>
internal sealed class ProgressMonitor(Worker[] workers, long start, TimeSpan warmup, CpuMonitor cpu, IProgress<LoadSecond>? progress,
    Action? windowOpened = null)
{
    private readonly Dictionary<int, double> _cpuBySecond = [];
    private readonly long _warmupTicks = Ticks.FromTimeSpan(warmup);

    /// <summary>Engine CPU use (% of its cores) over the measured window.</summary>
    public double MeasuredCpuPercent { get; private set; }

    public async Task RunUntilAsync(Task done)
    {
        var runMark = cpu.Now();
        CpuMonitor.Mark? windowMark = warmup <= TimeSpan.Zero ? runMark : null;
        var secondMark = runMark;
        var s = 0;
        for (; ; s++)
        {
            var delayMs = (start + (s + 1) * Ticks.PerSecond - Stopwatch.GetTimestamp()) * 1000 / Ticks.PerSecond;
            if (delayMs > 0) await Task.WhenAny(done, Task.Delay(TimeSpan.FromMilliseconds(delayMs))).ConfigureAwait(false);
            while (!done.IsCompleted && workers.Any(w => w.ClosedSecond < s))
                await Task.WhenAny(done, Task.Delay(1)).ConfigureAwait(false);
            if (done.IsCompleted) break;

            var percent = cpu.PercentSince(secondMark);
            secondMark = cpu.Now();
            _cpuBySecond[s] = percent;
            if (windowMark is null && Stopwatch.GetTimestamp() >= start + _warmupTicks)
            {
                windowMark = secondMark;
                windowOpened?.Invoke();
            }
            progress?.Report(Second(s));
        }
        // the run ended inside second s (the last one, often cut short): its CPU is measured too, over the
        // part of it that ran, or the timeline's last second would always show the engine idle
        _cpuBySecond[s] = cpu.PercentSince(secondMark);
        MeasuredCpuPercent = cpu.PercentSince(windowMark ?? runMark);
    }

    /// <summary>Every second from the start to <paramref name="ended"/>; the last may cover part of a second.</summary>
    public IReadOnlyList<LoadSecond> Timeline(long ended)
    {
        var seconds = (int)Math.Min(Math.Ceiling(Ticks.ToSeconds(ended - start)), workers[0].Timeline.Seconds);
        return [.. Enumerable.Range(0, Math.Max(0, seconds)).Select(Second)];
    }

    private LoadSecond Second(int s)
    {
        long requests = 0, errors = 0;
        var latency = LatencyRecorder.Create(2);
        foreach (var w in workers)
        {
            requests += w.Timeline.SuccessesAt(s);
            errors += w.Timeline.ErrorsAt(s);
            if (w.Timeline.LatencyAt(s) is { } h) latency.Add(h);
        }
        var p50 = latency.TotalCount > 0 ? latency.GetValueAtPercentile(50) : 0;
        var p99 = latency.TotalCount > 0 ? latency.GetValueAtPercentile(99) : 0;
        var isWarmup = (s + 1) * Ticks.PerSecond <= _warmupTicks;
        return new LoadSecond(s, isWarmup, requests, p50, p99, errors, Math.Round(_cpuBySecond.GetValueOrDefault(s), 1));
    }
}
