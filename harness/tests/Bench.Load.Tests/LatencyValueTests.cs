using Bench.Load.Models;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// The latency figures are checked for their value, not their shape: a server whose answer time is known
/// must come out at that time. Bands are one-sided-wide on purpose: a busy 2-core machine can only add
/// delay (scheduling, the in-process test server's own work), never remove it, so the lower bound is tight
/// (the delay, which the test server waits at least, less 1 ms of slack) and the upper bound generous (15 ms).
/// </summary>
[Collection(Serial.Name)]
public class LatencyValueTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);
    private const long DelayUs = 20_000, TimerGranularityUs = 1_000, SlackUs = 15_000;

    [Fact]
    public async Task A_server_answering_after_20_ms_has_a_closed_model_median_of_20_ms()
    {
        await using var server = new FaultyServer(_ => Fault.Slow) { SlowDelay = Delay };
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 4, Workers = 1, Duration = TimeSpan.FromSeconds(2),
        });

        Assert.InRange(result.Latency.P50Us, DelayUs - TimerGranularityUs, DelayUs + SlackUs);
        // 4 connections, one request each per ~20 ms: ~200/s; a wrong clock (e.g. µs taken for ms) is far off
        Assert.InRange(result.Requests, 100, 4 * 2 * 1000 / 20);
    }

    [Fact]
    public async Task A_server_answering_after_20_ms_has_an_open_model_median_of_20_ms()
    {
        await using var server = new FaultyServer(_ => Fault.Slow) { SlowDelay = Delay };
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            // 100/s × 20 ms = 2 requests in flight on average: 16 connections never make a request wait
            Target = server.Url, Connections = 16, Workers = 1, Duration = TimeSpan.FromSeconds(2),
            Model = LoadModel.ConstantRate(100),
        });

        Assert.InRange(result.Latency.P50Us, DelayUs - TimerGranularityUs, DelayUs + SlackUs);
        Assert.InRange(result.Requests, 190, 200);
    }

    [Fact]
    public async Task A_200_ms_freeze_every_second_shows_in_the_open_model_tail_while_the_median_stays_low()
    {
        await using var server = new FaultyServer();
        server.StallEvery(period: TimeSpan.FromSeconds(1), length: TimeSpan.FromMilliseconds(200));
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 16, Workers = 1, Duration = TimeSpan.FromSeconds(3),
            Model = LoadModel.ConstantRate(500),
        });

        // ~20 % of the requests are due during a freeze and wait out its rest: 0–200 ms, evenly spread.
        // p99.9 is the slowest 0.1 %: within the first ms of a freeze, ≈ 199 ms; 150 ms leaves room for a
        // freeze cut short by the run's end or start.
        Assert.True(result.Latency.P999Us >= 150_000, $"p99.9 {result.Latency.P999Us} µs should carry the 200 ms freezes");
        // the other ~80 % are answered at once: the median is far below the freeze
        Assert.True(result.Latency.P50Us < 20_000, $"p50 {result.Latency.P50Us} µs");
    }

    [Fact]
    public async Task Open_model_requests_unanswered_at_the_end_are_counted_and_carry_their_elapsed_time()
    {
        const double rate = 500;
        await using var server = new FaultyServer();
        // the server stops answering for the last ~0.5 s of a 2 s run (and beyond its end)
        server.StallOnce(after: TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 16, Workers = 1, Duration = TimeSpan.FromSeconds(2),
            Model = LoadModel.ConstantRate(rate), RequestTimeout = TimeSpan.FromSeconds(5),
        });

        // ≈ rate × 0.5 s = 250 requests due in the frozen stretch: 16 in flight, the rest in the backlog.
        // The lower bound leaves room for the run's start-up eating into the frozen stretch.
        Assert.InRange(result.UnfinishedAtEnd, 150, 300);
        Assert.Equal(result.Requests + result.UnfinishedAtEnd, result.Latency.Count);
        // their elapsed times spread evenly over 0–500 ms: ~20 % of all requests, so p99 (the slowest 1 %)
        // is within the first ~100 ms of the freeze, ≥ 400 ms. Dropping them would leave the healthy ~1 ms.
        Assert.True(result.Latency.P99Us >= 350_000, $"p99 {result.Latency.P99Us} µs should carry the unanswered requests");
        Assert.Equal(0, result.Errors.Total);
    }

    [Fact]
    public async Task Closed_model_requests_in_flight_at_the_end_are_counted_and_the_old_ones_recorded()
    {
        const int connections = 16;
        await using var server = new FaultyServer();
        server.StallOnce(after: TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3));
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = connections, Workers = 1, Duration = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
        });

        // every connection's request is stuck in the freeze when the window ends
        Assert.Equal(connections, result.UnfinishedAtEnd);
        // stuck ~0.5 s, older than any answered request: recorded (the slowest answer before the freeze
        // was milliseconds), so the max shows the freeze the closed model otherwise could not see
        Assert.Equal(result.Requests + connections, result.Latency.Count);
        Assert.True(result.Latency.MaxUs >= 350_000, $"max {result.Latency.MaxUs} µs");
    }

    [Fact]
    public async Task A_healthy_closed_model_run_counts_the_requests_the_end_cut_short()
    {
        // every answer takes 20 ms: each connection has its request in flight all but a few µs of each cycle
        await using var server = new FaultyServer(_ => Fault.Slow) { SlowDelay = Delay };
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 8, Workers = 1, Duration = TimeSpan.FromSeconds(1),
        });
        // all 8 normally; 6 leaves room for one or two caught between an answer and the next send
        Assert.InRange(result.UnfinishedAtEnd, 6, 8);
        // recorded only if older than the slowest answer: never more than were cut short
        Assert.InRange(result.Latency.Count, result.Requests, result.Requests + result.UnfinishedAtEnd);
    }
}
