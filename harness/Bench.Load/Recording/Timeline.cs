using HdrHistogram;

namespace Bench.Load.Recording;

/// <summary>
/// One worker's per-second counters (successes, errors) and a coarse per-second histogram for p50/p99
/// (successes, plus unanswered requests at their elapsed time, as in the run's histogram).
/// Slots count from the start of the run (warmup included). A slot's histogram is created the first
/// time that second records a value: one small allocation per second, not per request.
/// </summary>
internal sealed class Timeline
{
    // 2 significant digits: 1 % resolution is plenty for a per-second p50/p99 and keeps a slot ~14 KB.
    private const int SlotDigits = 2;
    private readonly long[] _successes;
    private readonly long[] _errors;
    private readonly LongHistogram?[] _latency;

    public Timeline(int seconds)
    {
        var n = Math.Max(1, seconds);
        _successes = new long[n];
        _errors = new long[n];
        _latency = new LongHistogram?[n];
    }

    public int Seconds => _successes.Length;

    public void Success(int second, long microseconds)
    {
        second = Clamp(second);
        _successes[second]++;
        (_latency[second] ??= LatencyRecorder.Create(SlotDigits)).RecordValue(LatencyRecorder.Clamp(microseconds));
    }

    /// <summary>A request with no answer (timed out, or unfinished at the end) in the second's latency, not its successes.</summary>
    public void Unanswered(int second, long microseconds)
    {
        second = Clamp(second);
        (_latency[second] ??= LatencyRecorder.Create(SlotDigits)).RecordValue(LatencyRecorder.Clamp(microseconds));
    }

    public void Error(int second, long count = 1) => _errors[Clamp(second)] += count;

    public long SuccessesAt(int second) => _successes[second];
    public long ErrorsAt(int second) => _errors[second];
    public LongHistogram? LatencyAt(int second) => _latency[second];

    private int Clamp(int second) => second < 0 ? 0 : second >= _successes.Length ? _successes.Length - 1 : second;
}
