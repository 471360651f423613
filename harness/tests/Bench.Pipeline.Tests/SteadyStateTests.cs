using Bench.Load;

namespace Bench.Pipeline.Tests;

/// <summary>When a warmup that runs until steady may stop.</summary>
public class SteadyStateTests
{
    private static int SecondsUntilSteady(TimeSpan minimum, params long[] perSecond)
    {
        var fired = 0;
        var detector = new SteadyState(minimum, () => fired++);
        for (var s = 0; s < perSecond.Length; s++)
        {
            detector.Report(new LoadSecond(s, false, perSecond[s], 500, 900, 0, 50));
            if (detector.IsSteady) { Assert.Equal(1, fired); return s + 1; }
        }
        Assert.Equal(0, fired);
        return -1;
    }

    [Fact]
    public void A_flat_target_is_steady_after_three_windows()
    {
        long[] go = [70_000, 71_000, 69_500, 70_200, 70_800, 70_100, 69_900, 70_400, 70_000, 70_600, 70_000, 71_200, 69_800, 70_300, 70_500, 70_100];
        Assert.Equal(15, SecondsUntilSteady(TimeSpan.FromSeconds(5), go));
    }

    [Fact]
    public void The_least_warmup_is_kept_even_when_flat_earlier()
    {
        var flat = Enumerable.Repeat(50_000L, 30).ToArray();
        Assert.Equal(20, SecondsUntilSteady(TimeSpan.FromSeconds(20), flat));
    }

    [Fact]
    public void A_flat_stretch_before_a_late_jump_is_not_taken_for_steady_state()
    {
        // ASP.NET Core's /plaintext on one core, as measured here (29 s): flat-ish at half speed, then a
        // tiered-JIT jump at 16 s. Fewer than 15 s follow the jump, so it must not be steady anywhere here.
        long[] aspnet = [25166, 27643, 33258, 35456, 37320, 31623, 34584, 34498, 34272, 37743, 37305, 35746, 39027, 42804, 46287,
                         30835, 63384, 66868, 65905, 66145, 63727, 65765, 66844, 68030, 68877, 68421, 67442, 68040, 69036];
        Assert.Equal(-1, SecondsUntilSteady(TimeSpan.FromSeconds(10), aspnet));
        // ... and once the plateau (from second 16) has lasted three windows, at 31 s, it is.
        Assert.Equal(31, SecondsUntilSteady(TimeSpan.FromSeconds(10), [.. aspnet, 68_500, 68_200, 67_900]));
    }

    [Fact]
    public void A_slow_climb_never_counts_as_steady()
    {
        var climbing = Enumerable.Range(0, 40).Select(s => 10_000L + 300L * s).ToArray(); // +15 % per 5 s at first
        Assert.Equal(-1, SecondsUntilSteady(TimeSpan.FromSeconds(10), climbing));
    }

    private static int SecondsUntilSteadyByLatency(TimeSpan minimum, long requests, params (long P50, long P99)[] perSecond)
    {
        var detector = new SteadyState(minimum, () => { }, byLatency: true);
        for (var s = 0; s < perSecond.Length; s++)
        {
            detector.Report(new LoadSecond(s, false, requests, perSecond[s].P50, perSecond[s].P99, 0, 50));
            if (detector.IsSteady) return s + 1;
        }
        return -1;
    }

    [Fact]
    public void At_a_fixed_rate_falling_latency_is_not_steady_though_throughput_is_flat()
    {
        // an open-model warmup: throughput is the rate (1000/s) throughout, while the target warms up and its
        // latency falls from 2 ms to 0.5 ms over 30 s; throughput alone would call it steady at 15 s
        var warming = Enumerable.Range(0, 30).Select(s => (2000L - 50L * s, 6000L - 150L * s)).ToArray();
        Assert.Equal(15, SecondsUntilSteady(TimeSpan.FromSeconds(5), Enumerable.Repeat(1000L, 30).ToArray()));
        Assert.Equal(-1, SecondsUntilSteadyByLatency(TimeSpan.FromSeconds(5), 1000, warming));
        // once latency holds at 0.5 ms, it is steady: after the fall, by the time three windows were flat
        // (a little before: the window medians stop seeing the last steps of the fall)
        var settled = Enumerable.Repeat((500L, 1500L), 15).ToArray();
        Assert.InRange(SecondsUntilSteadyByLatency(TimeSpan.FromSeconds(5), 1000, [.. warming, .. settled]), 31, 45);
    }

    [Fact]
    public void At_a_fixed_rate_flat_latency_with_a_gc_pause_is_steady()
    {
        // ~300 µs p50 with per-second noise, p99 ~1.2 ms, and one second's p99 hit by a 40 ms GC pause
        var seconds = Enumerable.Range(0, 15).Select(s => (300L + (s % 3) * 10, s == 7 ? 40_000L : 1200L + (s % 2) * 50)).ToArray();
        Assert.Equal(15, SecondsUntilSteadyByLatency(TimeSpan.FromSeconds(5), 1000, seconds));
    }

    [Fact]
    public void Seconds_without_answers_are_never_steady()
    {
        var silent = Enumerable.Repeat((0L, 0L), 20).ToArray();
        Assert.Equal(-1, SecondsUntilSteadyByLatency(TimeSpan.FromSeconds(5), 0, silent));
    }
}
