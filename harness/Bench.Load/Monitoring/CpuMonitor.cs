using System.Diagnostics;
using Bench.Load.Recording;

namespace Bench.Load.Monitoring;

/// <summary>
/// How busy the engine's own process keeps the cores it may run on. A generator whose cores are
/// (nearly) saturated measures itself, not the server (one of <see cref="Bound.EngineBoundRules"/>).
/// </summary>
/// <param name="cores">CPUs the engine may run on</param>
/// <param name="idleSpinTicks">total time the workers spent polling for events that had not arrived:
/// CPU time that is waiting, not work, and is subtracted</param>
internal sealed class CpuMonitor(int cores, Func<long> idleSpinTicks)
{
    public readonly record struct Mark(TimeSpan Cpu, long Wall, long Spin);

    public int Cores { get; } = Math.Max(1, cores);

    public Mark Now() => new(Environment.CpuUsage.TotalTime, Stopwatch.GetTimestamp(), idleSpinTicks());

    /// <summary>Busy share (0–100 % of <see cref="Cores"/>) since <paramref name="mark"/>.</summary>
    public double PercentSince(Mark mark)
    {
        var now = Now();
        var wallSeconds = Ticks.ToSeconds(now.Wall - mark.Wall);
        var busySeconds = (now.Cpu - mark.Cpu).TotalSeconds - Ticks.ToSeconds(now.Spin - mark.Spin);
        return wallSeconds <= 0 ? 0 : Math.Clamp(100 * busySeconds / (wallSeconds * Cores), 0, 100);
    }
}
