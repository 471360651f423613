using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// The engine says when its measured window opens and closes, so a caller can read the target's CPU time
/// over the very window the request count covers (no connection set-up before it, no teardown after it).
/// </summary>
[Collection(Serial.Name)]
public class MeasuredWindowTests
{
    [Fact]
    public async Task Without_warmup_the_window_opens_connected_before_the_first_request_and_closes_after_the_last()
    {
        await using var server = new FaultyServer();
        int? atOpen = null, atClose = null;
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url,
            Connections = 8,
            Duration = TimeSpan.FromMilliseconds(500),
            Workers = 1,
            WindowOpened = () => atOpen = server.RequestsReceived,
            WindowClosed = () => atClose = server.RequestsReceived,
        });

        Assert.Equal(0, atOpen);
        Assert.True(result.Requests > 0);
        Assert.True(atClose >= result.Requests, $"closed at {atClose} requests received, {result.Requests} counted");
        // nothing was sent after the close: the server may still read the requests in flight at the end, which
        // were sent before it (a busy machine once delayed 8 of them, one per connection), and nothing else
        Assert.InRange(server.RequestsReceived, atClose!.Value, atClose.Value + result.UnfinishedAtEnd);
    }

    [Fact]
    public async Task After_a_warmup_the_window_opens_when_the_warmup_ends()
    {
        await using var server = new FaultyServer();
        int? atOpen = null;
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url,
            Connections = 4,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(1),
            Workers = 1,
            WindowOpened = () => atOpen = server.RequestsReceived,
        });

        Assert.True(atOpen > 0, "the warmup's requests come before the window");
        Assert.True(atOpen < server.RequestsReceived - result.Requests / 2, $"opened at {atOpen} of {server.RequestsReceived}, {result.Requests} in the window");
    }
}
