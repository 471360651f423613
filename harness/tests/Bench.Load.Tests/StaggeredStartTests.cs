using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Load.Tests;

/// <summary>
/// A closed model's connections must not answer in lockstep: started together against a server that always takes
/// the same time, they stay together, and a window counts whole waves instead of the flow.
/// It counts requests over one second, so it runs alone (<see cref="Serial"/>): beside a flat-out engine test on
/// two cores, its server and its engine were starved for whole seconds (0 and 30 req/s seen, 5 runs in 9).
/// </summary>
[Collection(Serial.Name)]
public sealed class StaggeredStartTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Connections_with_long_requests_are_counted_as_a_flow_not_as_waves()
    {
        // 30 connections, 600 ms a request: 50 req/s. In lockstep the answers come in waves of 30 every ~600 ms,
        // and a 1 s window opened 2 s in holds one wave or two: 30 or 60 req/s. Spread over the first second, the
        // window sees about 30 / 0.6 = 50 (timer and scheduling slack: 42..58 excludes both lockstep counts).
        // The server is a process of its own (python, a thread per connection): an in-process server shares the
        // test's thread pool and answers in bunches of its own.
        await using var runtime = new LocalRuntime();
        await using var server = await runtime.StartAsync(new TargetLaunch
        {
            Target = FakeTarget.Delayed("slow", 600), DatabaseUrl = "postgres://unused@127.0.0.1:1/unused", JwtSecret = "unused",
        });
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = new Uri(server.BaseUri, "plaintext"), Connections = 30, Workers = 1,
            Warmup = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(5),
        });

        Assert.True(result.RequestsPerSecond is >= 42 and <= 58,
            $"{result.RequestsPerSecond} req/s; per second: {string.Join(", ", result.Timeline.Select(t => $"{t.Second}{(t.Warmup ? "w" : "")}:{t.Requests}"))}");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(500, 250)]
    [InlineData(4000, 1000)]
    public void The_spread_is_half_the_warmup_at_most_a_second(int warmupMs, int spreadMs) =>
        Assert.Equal(spreadMs / 1000.0, (double)Workers.Worker.Stagger(TimeSpan.FromMilliseconds(warmupMs)) / System.Diagnostics.Stopwatch.Frequency, 6);
}
