using System.Runtime.CompilerServices;

namespace Bench.Load.Models;

/// <summary>
/// The open model's timetable for one worker: when its k-th request is meant to be sent. Latency is
/// measured from this intended time, not from when the request actually left (coordinated-omission
/// correction, as in wrk2): a stalled server therefore shows up in the percentiles of every request
/// that should have been sent during the stall, not only of the few that were in flight.
/// </summary>
/// <remarks>
/// The rate is <c>a</c> during the warmup W, then goes linearly from <c>a</c> to <c>b</c> over the
/// measured duration T, then stays at <c>b</c>. N(t), the number of requests due by time t, is the
/// integral of the rate; request k is due at N⁻¹(k). Everything is closed-form: no state per request.
/// </remarks>
internal readonly struct OpenSchedule
{
    private readonly long _start;            // ticks of request 0
    private readonly double _a, _b;          // requests per second (this worker's share)
    private readonly double _w, _t;          // warmup and ramp length in seconds
    private readonly double _ticksPerSecond;
    private readonly double _periodTicks;    // constant-rate fast path (0 for a ramp)

    public OpenSchedule(long startTicks, double fromRate, double toRate, TimeSpan warmup, TimeSpan ramp, long ticksPerSecond)
    {
        _start = startTicks;
        _a = fromRate;
        _b = toRate;
        _w = warmup.TotalSeconds;
        _t = Math.Max(ramp.TotalSeconds, 1e-9);
        _ticksPerSecond = ticksPerSecond;
        _periodTicks = fromRate == toRate && fromRate > 0 ? ticksPerSecond / fromRate : 0;
    }

    /// <summary>Intended send time (Stopwatch ticks) of request <paramref name="k"/> (0-based).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long IntendedAt(long k)
    {
        if (_periodTicks > 0) return _start + (long)(k * _periodTicks);
        var seconds = SecondsOf(k);
        return seconds < 1e8 ? _start + (long)(seconds * _ticksPerSecond) : Never; // a ramp down to 0 ends
    }

    /// <summary>An intended time that never comes.</summary>
    public const long Never = long.MaxValue / 4;

    /// <summary>How many requests are due by <paramref name="now"/> (ticks): those with intended time ≤ now.</summary>
    public long DueBy(long now)
    {
        if (now < _start) return 0;
        var t = (now - _start) / _ticksPerSecond;
        var n = _periodTicks > 0 ? t * _a : CountBy(t);
        var due = (long)Math.Floor(n) + 1;
        // floating point may put the boundary request on the wrong side: the timetable is the truth
        while (due > 0 && IntendedAt(due - 1) > now) due--;
        while (IntendedAt(due) <= now) due++;
        return due;
    }

    private double CountBy(double t)
    {
        if (t <= _w) return _a * t;
        var u = t - _w;
        if (u <= _t) return _a * _w + _a * u + (_b - _a) * u * u / (2 * _t);
        return _a * _w + (_a + _b) * _t / 2 + _b * (u - _t);
    }

    private double SecondsOf(long k)
    {
        double warmupCount = _a * _w;
        if (k <= warmupCount && _a > 0) return k / _a;
        var rest = k - warmupCount;
        var rampCount = (_a + _b) * _t / 2;
        if (rest <= rampCount)
        {
            var slope = (_b - _a) / _t; // rate(u) = a + slope·u; solve a·u + slope·u²/2 = rest
            var u = Math.Abs(slope) < 1e-12 ? rest / _a : (-_a + Math.Sqrt(Math.Max(0, _a * _a + 2 * slope * rest))) / slope;
            return _w + u;
        }
        return _b > 0 ? _w + _t + (rest - rampCount) / _b : double.PositiveInfinity;
    }
}
