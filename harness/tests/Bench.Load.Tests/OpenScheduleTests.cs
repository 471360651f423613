using Bench.Load.Models;

namespace Bench.Load.Tests;

public class OpenScheduleTests
{
    private const long PerSecond = 1_000_000_000; // nanosecond ticks, as on Linux

    [Fact]
    public void Constant_rate_spaces_requests_evenly()
    {
        var s = new OpenSchedule(1000, 100, 100, TimeSpan.Zero, TimeSpan.FromSeconds(10), PerSecond);
        Assert.Equal(1000, s.IntendedAt(0));
        Assert.Equal(1000 + PerSecond / 100, s.IntendedAt(1));
        Assert.Equal(1000 + PerSecond, s.IntendedAt(100));
        Assert.Equal(0, s.DueBy(999));
        Assert.Equal(1, s.DueBy(1000));
        Assert.Equal(101, s.DueBy(1000 + PerSecond)); // requests 0..100
    }

    [Fact]
    public void Ramp_integrates_the_rate()
    {
        // 0 → 200 req/s over 10 s: 1000 requests during the ramp, then 200 per second.
        var s = new OpenSchedule(0, 0, 200, TimeSpan.Zero, TimeSpan.FromSeconds(10), PerSecond);
        Assert.InRange(s.DueBy(10 * PerSecond), 1000, 1001);
        Assert.InRange(s.DueBy(5 * PerSecond), 250, 251); // N(5) = 200/10 · 5² / 2
        Assert.InRange(s.DueBy(11 * PerSecond), 1200, 1201);
        for (long k = 1; k < 1500; k++) Assert.True(s.IntendedAt(k) >= s.IntendedAt(k - 1));
    }

    [Fact]
    public void Warmup_runs_at_the_start_rate_and_the_ramp_follows()
    {
        var s = new OpenSchedule(0, 100, 300, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), PerSecond);
        Assert.InRange(s.DueBy(2 * PerSecond), 200, 201);
        Assert.InRange(s.DueBy(6 * PerSecond), 200 + 800, 1001); // (100 + 300) / 2 · 4
    }

    [Fact]
    public void Due_count_and_timetable_agree()
    {
        var s = new OpenSchedule(0, 50, 500, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), PerSecond);
        for (long k = 0; k < 2000; k += 37)
        {
            var t = s.IntendedAt(k);
            Assert.Equal(k + 1, s.DueBy(t));
        }
    }

    [Fact]
    public void Ramp_down_to_zero_ends()
    {
        var s = new OpenSchedule(0, 100, 0, TimeSpan.Zero, TimeSpan.FromSeconds(2), PerSecond);
        Assert.Equal(OpenSchedule.Never, s.IntendedAt(500));
    }
}
