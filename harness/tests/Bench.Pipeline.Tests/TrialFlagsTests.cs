using Bench.Load;
using Bench.Runtime.Resources;
using Bench.Pipeline;

namespace Bench.Pipeline.Tests;

/// <summary>The flags that stop a trial's figures from being read at face value.</summary>
public class TrialFlagsTests
{
    private static readonly ResourceUsage Usage = new() { Peak = new ResourceSnapshot(10 << 20, 1.0), CpuSeconds = 1.0, CpuWindowSeconds = 3.0, CpuWindowIsMeasuredWindow = true };

    [Fact]
    public void A_steady_trial_carries_no_flag()
    {
        var load = Result(warmup: 1, perSecond: [900, 1000, 980, 1010, 990, 1000, 1020]);
        Assert.Empty(TrialFlags.For(load, Usage));
    }

    [Fact]
    public void Throughput_still_climbing_through_the_window_is_unsteady()
    {
        // a JIT-compiled target warming up: 23k/s at first, 34k/s at the end (as seen with ASP.NET here)
        var load = Result(warmup: 1, perSecond: [20_000, 23_000, 24_000, 28_000, 31_000, 33_000, 34_000]);
        Assert.InRange(TrialFlags.Drift(load), 0.29, 0.31); // (33.5k - 23.5k) / 33.5k
        Assert.Contains(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void A_steady_15_percent_climb_through_the_window_is_unsteady()
    {
        // +15 % over ten seconds in even steps: the thirds differ by only ~10 %, the fitted trend by 15 %
        var climb = Enumerable.Range(0, 10).Select(s => (long)Math.Round(10_000 * (1 + 0.15 * s / 9))).ToArray();
        var load = Result(warmup: 0, perSecond: climb);
        Assert.InRange(TrialFlags.Trend(load), 0.135, 0.145); // 1.5k over the mean of 10.75k
        Assert.Contains(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void Per_second_noise_of_a_few_percent_is_not_a_trend()
    {
        // ±3 % around 10k/s with no direction, as a loopback target shows from second to second
        var load = Result(warmup: 0, perSecond: [10_300, 9_700, 10_100, 9_800, 10_200, 9_900, 10_300, 9_700, 10_000, 10_100]);
        Assert.True(TrialFlags.Trend(load) < 0.03, $"trend {TrialFlags.Trend(load)}");
        Assert.DoesNotContain(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void A_warmup_that_never_settled_is_flagged()
    {
        var load = Result(warmup: 0, perSecond: [1000, 1000, 1000]);
        Assert.Contains(TrialFlags.WarmupUnsteady, TrialFlags.For(load, Usage, warmupSteady: false));
        Assert.DoesNotContain(TrialFlags.WarmupUnsteady, TrialFlags.For(load, Usage, warmupSteady: true));
        Assert.DoesNotContain(TrialFlags.WarmupUnsteady, TrialFlags.For(load, Usage)); // a fixed warmup: not judged
    }

    [Fact]
    public void Throughput_collapsing_in_the_window_is_unsteady_too()
    {
        var load = Result(warmup: 0, perSecond: [5000, 5000, 5000, 5000, 2000, 2000]);
        Assert.Contains(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void Warmup_seconds_and_a_cut_short_last_second_are_not_judged()
    {
        // slow warmup and a last, partial second with few requests: the whole measured seconds are steady
        var load = Result(warmup: 2, perSecond: [100, 500, 1000, 1000, 1000, 40], duration: 3);
        Assert.Equal(0, TrialFlags.Drift(load));
        Assert.DoesNotContain(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void A_ramp_drifts_by_design_and_is_not_flagged()
    {
        var load = Result(warmup: 0, perSecond: [1000, 2000, 3000, 4000, 5000, 6000], model: "ramp");
        Assert.DoesNotContain(TrialFlags.Unsteady, TrialFlags.For(load, Usage));
    }

    [Fact]
    public void Fewer_than_three_whole_seconds_cannot_be_judged()
    {
        var load = Result(warmup: 1, perSecond: [10, 1000, 100]);
        Assert.Equal(0, TrialFlags.Drift(load));
    }

    [Fact]
    public void Errors_over_a_thousandth_of_requests_are_flagged_and_fewer_are_not()
    {
        var few = Result(warmup: 0, perSecond: [1000, 1000, 1000]);
        Assert.DoesNotContain(TrialFlags.Errors, TrialFlags.For(WithErrors(few, 3), Usage));
        Assert.Contains(TrialFlags.Errors, TrialFlags.For(WithErrors(few, 4), Usage));
    }

    private static LoadResult WithErrors(LoadResult r, long errors) => new()
    {
        Target = r.Target, Model = r.Model, Connections = r.Connections, Workers = r.Workers, PipelineDepth = r.PipelineDepth,
        DurationSeconds = r.DurationSeconds, WarmupSeconds = r.WarmupSeconds, Requests = r.Requests,
        RequestsPerSecond = r.RequestsPerSecond, Latency = r.Latency, Errors = new ErrorSummary { Total = errors, Reset = errors },
        Timeline = r.Timeline, LoadGeneratorBound = false, EngineCpuPercent = 50, EngineCpus = "0", Reconnects = 0,
    };

    /// <param name="perSecond">successful requests per timeline second, warmup seconds first</param>
    private static LoadResult Result(int warmup, long[] perSecond, double? duration = null, string model = "closed")
    {
        var measured = duration ?? perSecond.Length - warmup;
        var timeline = perSecond.Select((n, s) => new LoadSecond(s, s < warmup, n, 500, 900, 0, 50)).ToList();
        var requests = timeline.Where(s => !s.Warmup).Sum(s => s.Requests);
        return new LoadResult
        {
            Target = "http://127.0.0.1:1/", Model = model, Connections = 64, Workers = 1, PipelineDepth = 1,
            DurationSeconds = measured, WarmupSeconds = warmup, Requests = requests, RequestsPerSecond = requests / measured,
            Latency = LatencySummary.Empty, Errors = new ErrorSummary(), Timeline = timeline,
            LoadGeneratorBound = false, EngineCpuPercent = 50, EngineCpus = "0", Reconnects = 0,
        };
    }
}
