using Bench.Load.Models;
using Bench.Load.Recording;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// The engine's hot path allocates nothing per request (allocation means GC pauses inside the measured
/// latencies). Its worker threads count what they allocate in the measured window; the only allocation
/// allowed is the per-second timeline histogram, one per worker per second.
/// </summary>
[Collection(Serial.Name)]
public class EngineAllocationTests
{
    [Theory]
    [InlineData(1, false)]  // closed model, one request in flight per connection
    [InlineData(16, false)] // pipelined, as TechEmpower's plaintext
    [InlineData(1, true)]   // every response's status and length checked, 1 in 16 bodies judged by a rule that decodes a string
    public async Task Steady_state_allocates_nothing_per_request(int pipeline, bool validated)
    {
        await using var server = new FaultyServer();
        var spec = new LoadSpec
        {
            Target = server.Url, Connections = 16, PipelineDepth = pipeline, Workers = 1,
            Warmup = TimeSpan.FromMilliseconds(500), Duration = TimeSpan.FromSeconds(3),
            // the rule allocates; a body identical to the last accepted one is not judged again
            Validator = validated
                ? Http.ResponseValidator.Matches((_, b) => System.Text.Encoding.UTF8.GetString(b) == FaultyServer.Body, sampleEvery: 16)
                    .WithEveryResponse(200, FaultyServer.Body.Length, FaultyServer.Body.Length)
                : null,
        };

        var result = await LoadEngine.RunAsync(spec);

        var allocated = result.EngineAllocatedBytesPerRequest * (result.Requests + result.Errors.Total);
        var slot = LatencyRecorder.Create(2).GetEstimatedFootprintInBytes(); // one timeline second
        var allowed = (Math.Ceiling(result.DurationSeconds) + 2) * slot * 1.5;
        // With this many requests, even one 24-byte object per request would exceed what is allowed.
        Assert.True(result.Requests * 24 > allowed, $"only {result.Requests} requests: too few to judge");
        Assert.True(allocated <= allowed,
            $"{allocated:0} B allocated for {result.Requests} requests ({result.EngineAllocatedBytesPerRequest} B/request); allowed {allowed:0} B");
    }
}
