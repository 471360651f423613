using System.Runtime.CompilerServices;
using HdrHistogram;

namespace Bench.Load.Recording;

/// <summary>
/// One worker's latency histogram. Each worker records into its own (no locks, no sharing on the hot
/// path); the engine adds them together at the end. Values are microseconds, 3 significant digits,
/// trackable up to one hour — longer values are clamped rather than thrown on.
/// </summary>
internal sealed class LatencyRecorder
{
    public const long HighestTrackableUs = 3_600_000_000;
    public const int SignificantDigits = 3;

    public LongHistogram Histogram { get; } = Create();

    public static LongHistogram Create(int significantDigits = SignificantDigits) =>
        new(1, HighestTrackableUs, significantDigits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordTicks(long ticks) => Histogram.RecordValue(Clamp(Ticks.ToMicroseconds(ticks)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Clamp(long us) => us < 0 ? 0 : us > HighestTrackableUs ? HighestTrackableUs : us;
}
