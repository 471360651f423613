using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>The timeline's per-second engine CPU covers every second, the last one included.</summary>
[Collection(Serial.Name)]
public class TimelineCpuTests
{
    [Theory]
    [InlineData(2.0)] // the run ends exactly on a second's boundary
    [InlineData(1.5)] // the last second is cut short
    public async Task The_last_second_shows_the_engine_working(double seconds)
    {
        await using var server = new FaultyServer();
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 4, Workers = 1, Duration = TimeSpan.FromSeconds(seconds),
        });

        Assert.Equal(2, result.Timeline.Count);
        // a closed-model run flat out keeps its worker busy to the end: every second, the last included, had
        // work (and requests) in it; a 0 there was a second nobody measured, not an idle engine
        Assert.True(result.Timeline[^1].Requests > 0);
        Assert.All(result.Timeline, s => Assert.True(s.EngineCpuPercent > 0, $"second {s.Second}: engine CPU {s.EngineCpuPercent} %"));
    }
}
