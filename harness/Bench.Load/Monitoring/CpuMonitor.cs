using System.Diagnostics;

namespace Bench.Load.Monitoring;

/// <summary>
/// How busy the engine's own process keeps the cores it may run on. A generator whose cores are
/// (nearly) saturated measures itself, not the server: such a trial is flagged load-generator-bound.
/// </summary>
internal sealed class CpuMonitor(int cores)
{
    /// <summary>Above this share of its cores the engine is considered the bottleneck.</summary>
    public const double BoundThresholdPercent = 90;

    private TimeSpan _cpu = Environment.CpuUsage.TotalTime;
    private long _wall = Stopwatch.GetTimestamp();

    public int Cores { get; } = Math.Max(1, cores);

    /// <summary>Busy share (0–100 % of <see cref="Cores"/>) since the previous sample (or construction).</summary>
    public double Sample()
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.GetTimestamp();
        var percent = Percent(cpu - _cpu, wall - _wall);
        (_cpu, _wall) = (cpu, wall);
        return percent;
    }

    public (TimeSpan Cpu, long Wall) Mark() => (Environment.CpuUsage.TotalTime, Stopwatch.GetTimestamp());

    public double PercentSince((TimeSpan Cpu, long Wall) mark) =>
        Percent(Environment.CpuUsage.TotalTime - mark.Cpu, Stopwatch.GetTimestamp() - mark.Wall);

    private double Percent(TimeSpan cpu, long wallTicks)
    {
        var wallSeconds = wallTicks / (double)Stopwatch.Frequency;
        return wallSeconds <= 0 ? 0 : Math.Clamp(100 * cpu.TotalSeconds / (wallSeconds * Cores), 0, 100);
    }
}
