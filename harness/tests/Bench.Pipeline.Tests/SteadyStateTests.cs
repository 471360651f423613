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
}
