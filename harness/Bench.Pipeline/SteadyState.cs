using Bench.Load;

namespace Bench.Pipeline;

/// <summary>
/// Watches a warmup run second by second and says when throughput has stopped moving: the means of the last
/// <see cref="Windows"/> windows of <see cref="Window"/> seconds lie within <see cref="Tolerance"/> of each other.
/// Three windows, not two: ASP.NET Core's /plaintext here held flat for ~10 s at half speed before its
/// tiered-JIT jump, and two windows took that for steady state.
/// JIT-compiled targets on one core keep speeding up for tens of seconds (ASP.NET Core's /jwt here: 10k →
/// 15k req/s between 20 and 30 s of load), so a fixed warmup is either too short for them or wasteful for
/// the rest. A sudden late jump can still follow a flat stretch; TrialFlags' `unsteady` catches that.
/// </summary>
/// <remarks>
/// The open model sends at a fixed rate: its throughput equals the rate from the first second, warm or not,
/// so there (<c>byLatency</c>) the target is steady when its latency stops moving instead: the medians of the
/// per-second p50 and of the per-second p99 over the last windows agree within <see cref="Tolerance"/>·2, or
/// within <see cref="LatencyFloorUs"/>. A JIT-compiled target at a fixed rate shows its warming as falling latency.
/// </remarks>
public sealed class SteadyState(TimeSpan minimum, Action onSteady, bool byLatency = false) : IProgress<LoadSecond>
{
    public const int Window = 5, Windows = 3;
    public const double Tolerance = 0.05;
    /// <summary>
    /// Latency windows closer than this are steady whatever their ratio: a loopback round trip of ~100 µs moves
    /// by tens of µs with the scheduler alone, and 10 % of it would take noise for warming.
    /// </summary>
    public const long LatencyFloorUs = 100;
    private readonly List<LoadSecond> _seconds = [];
    private int _fired;

    public bool IsSteady { get; private set; }

    public void Report(LoadSecond second)
    {
        lock (_seconds)
        {
            _seconds.Add(second);
            if (IsSteady || _seconds.Count < minimum.TotalSeconds) return;
            if (!(byLatency ? LatencyFlat(_seconds) : Flat([.. _seconds.Select(s => s.Requests)]))) return;
            IsSteady = true;
        }
        if (Interlocked.Exchange(ref _fired, 1) == 0) onSteady();
    }

    /// <summary>True when the last <see cref="Windows"/> windows of whole seconds agree within the tolerance.</summary>
    public static bool Flat(IReadOnlyList<long> perSecond)
    {
        if (perSecond.Count < Windows * Window) return false;
        var means = LastWindows(perSecond, w => w.Average());
        return means.Min() > 0 && means.Max() - means.Min() <= Tolerance * means.Min();
    }

    /// <summary>
    /// True when, over the last <see cref="Windows"/> windows, neither the per-second p50 nor p99 moves: each
    /// window's median of them (a median, so one GC pause does not hold the warmup) within twice the tolerance.
    /// </summary>
    public static bool LatencyFlat(IReadOnlyList<LoadSecond> seconds)
    {
        if (seconds.Count < Windows * Window || seconds.Skip(seconds.Count - Windows * Window).Any(s => s.Requests == 0)) return false;
        return Agree(LastWindows([.. seconds.Select(s => s.P50Us)], Median))
            && Agree(LastWindows([.. seconds.Select(s => s.P99Us)], Median));

        static bool Agree(List<double> v) => v.Min() > 0 && v.Max() - v.Min() <= Math.Max(2 * Tolerance * v.Min(), LatencyFloorUs);
        static double Median(IEnumerable<long> w) => w.Order().ElementAt(Window / 2);
    }

    private static List<double> LastWindows(IReadOnlyList<long> perSecond, Func<IEnumerable<long>, double> summary) =>
        [.. Enumerable.Range(0, Windows).Select(w => summary(perSecond.Skip(perSecond.Count - (w + 1) * Window).Take(Window)))];
}
