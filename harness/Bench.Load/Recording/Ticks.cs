using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Bench.Load.Recording;

/// <summary>Stopwatch ticks ↔ microseconds without a division by a non-constant double on the hot path.</summary>
internal static class Ticks
{
    public static readonly long PerSecond = Stopwatch.Frequency;
    // Linux: 1e9 ticks/s, so 1000 ticks per µs; Windows: 1e7, so 10.
    private static readonly long PerMicrosecond = Stopwatch.Frequency % 1_000_000 == 0 ? Stopwatch.Frequency / 1_000_000 : 0;
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToMicroseconds(long ticks) =>
        PerMicrosecond > 0 ? (ticks + PerMicrosecond / 2) / PerMicrosecond : (long)(ticks * MicrosecondsPerTick + 0.5);

    public static long FromTimeSpan(TimeSpan t) => (long)(t.TotalSeconds * Stopwatch.Frequency);
    public static double ToSeconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}
