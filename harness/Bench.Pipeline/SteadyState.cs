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
public sealed class SteadyState(TimeSpan minimum, Action onSteady) : IProgress<LoadSecond>
{
    public const int Window = 5, Windows = 3;
    public const double Tolerance = 0.05;
    private readonly List<long> _perSecond = [];
    private int _fired;

    public bool IsSteady { get; private set; }

    public void Report(LoadSecond second)
    {
        lock (_perSecond)
        {
            _perSecond.Add(second.Requests);
            if (IsSteady || _perSecond.Count < minimum.TotalSeconds || !Flat(_perSecond)) return;
            IsSteady = true;
        }
        if (Interlocked.Exchange(ref _fired, 1) == 0) onSteady();
    }

    /// <summary>True when the last <see cref="Windows"/> windows of whole seconds agree within the tolerance.</summary>
    public static bool Flat(IReadOnlyList<long> perSecond)
    {
        if (perSecond.Count < Windows * Window) return false;
        var means = Enumerable.Range(0, Windows)
            .Select(w => perSecond.Skip(perSecond.Count - (w + 1) * Window).Take(Window).Average())
            .ToList();
        return means.Min() > 0 && means.Max() - means.Min() <= Tolerance * means.Min();
    }
}
