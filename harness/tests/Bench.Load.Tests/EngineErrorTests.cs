using Bench.Load.Http;
using Bench.Load.Models;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// Count-bounded runs (MaxRequests) against a server that injects faults by request number, so every
/// count is exact: each request sent ends as one success or one error of the right class.
/// </summary>
public class EngineErrorTests
{
    private static LoadSpec Spec(Uri url, long requests, int connections = 4, int pipeline = 1) => new()
    {
        Target = url,
        Connections = connections,
        MaxRequests = requests,
        Duration = TimeSpan.FromSeconds(30), // a cap only: the run ends when every request has its outcome
        PipelineDepth = pipeline,
        Workers = 2,
        RequestTimeout = TimeSpan.FromSeconds(5),
        Validator = ResponseValidator.ExpectBody(FaultyServer.Body),
    };

    [Fact]
    public async Task Healthy_server_every_request_succeeds()
    {
        await using var server = new FaultyServer();
        var result = await LoadEngine.RunAsync(Spec(server.Url, 500));
        Assert.Equal(500, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(500, server.RequestsReceived);
        Assert.Equal(500, result.Latency.Count);
        Assert.Equal(0, result.Reconnects);
    }

    [Fact]
    public async Task Hundreds_of_connections_all_carry_requests()
    {
        await using var server = new FaultyServer();
        var result = await LoadEngine.RunAsync(Spec(server.Url, 3000, connections: 300));
        Assert.Equal(3000, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(300, server.ConnectionsAccepted); // every connection was used, none was replaced
    }

    [Fact]
    public async Task Status_errors_and_wrong_bodies_are_counted_by_class()
    {
        await using var server = new FaultyServer(n => (n % 10) switch { 3 => Fault.Status500, 5 => Fault.WrongBody, _ => Fault.None });
        var result = await LoadEngine.RunAsync(Spec(server.Url, 200));
        Assert.Equal(160, result.Requests);
        Assert.Equal(20, result.Errors.Status["500"]);
        Assert.Single(result.Errors.Status);
        Assert.Equal(20, result.Errors.BodyMismatch);
        Assert.Equal(40, result.Errors.Total);
        Assert.Equal(160, result.Latency.Count); // only successes carry a latency
    }

    [Fact]
    public async Task Connection_close_is_a_success_followed_by_a_reconnect()
    {
        await using var server = new FaultyServer(n => n % 4 == 0 ? Fault.Close : Fault.None);
        var result = await LoadEngine.RunAsync(Spec(server.Url, 100));
        Assert.Equal(100, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(100, server.RequestsReceived);
        // one reconnect per close, except after the last closes, when the budget is spent (≤ 1 per connection)
        Assert.InRange(result.Reconnects, 25 - 4, 25);
    }

    [Fact]
    public async Task Reset_mid_response_is_a_reset_error()
    {
        await using var server = new FaultyServer(n => n % 10 == 4 ? Fault.ResetMidResponse : Fault.None);
        var result = await LoadEngine.RunAsync(Spec(server.Url, 100));
        Assert.Equal(90, result.Requests);
        Assert.Equal(10, result.Errors.Reset);
        Assert.Equal(10, result.Errors.Total);
        Assert.Equal(100, server.RequestsReceived);
    }

    [Fact]
    public async Task Slow_responses_beyond_the_timeout_are_timeouts()
    {
        // A 1 s timeout against 5 s stalls: wide enough that an ordinary response delayed by a busy 2-core
        // machine (other test classes run alongside) is never taken for a timeout; 300 ms was not.
        await using var server = new FaultyServer(n => n % 5 == 0 ? Fault.Slow : Fault.None) { SlowDelay = TimeSpan.FromSeconds(5) };
        var spec = Spec(server.Url, 30) with { RequestTimeout = TimeSpan.FromSeconds(1) };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(24, result.Requests);
        Assert.Equal(6, result.Errors.Timeout);
        Assert.Equal(6, result.Errors.Total);
        // Timed-out requests stay in the latency at their elapsed time (≥ the timeout), still counted as
        // errors: 6 of 30 (20 %) ≥ 1 s, so p90 is there. Without them p90 would be the healthy ~1 ms.
        Assert.Equal(30, result.Latency.Count);
        Assert.True(result.Latency.P90Us >= 1_000_000, $"p90 {result.Latency.P90Us} µs should carry the timeouts");
        Assert.True(result.Latency.P50Us < 1_000_000, $"p50 {result.Latency.P50Us} µs: 80 % were answered at once");
        // A timed-out connection is replaced (else the last requests could never be sent and the 24
        // successes above would not happen); how many replacements depends on whether the budget ran
        // out first, which the timing decides.
        Assert.InRange(result.Reconnects, 1, 6);
    }

    [Fact]
    public async Task Chunked_bodies_are_decoded_and_validated()
    {
        await using var server = new FaultyServer(_ => Fault.Chunked);
        var result = await LoadEngine.RunAsync(Spec(server.Url, 200));
        Assert.Equal(200, result.Requests);
        Assert.Equal(0, result.Errors.Total);
    }

    [Fact]
    public async Task Validator_sees_decoded_chunked_body_so_a_wrong_expectation_fails_every_response()
    {
        await using var server = new FaultyServer(_ => Fault.Chunked);
        var spec = Spec(server.Url, 50) with { Validator = ResponseValidator.ExpectBody("Hello, World?") };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(0, result.Requests);
        Assert.Equal(50, result.Errors.BodyMismatch);
    }

    [Fact]
    public async Task Sampled_validation_checks_one_response_in_n()
    {
        await using var server = new FaultyServer(_ => Fault.WrongBody);
        // one worker so its sampling counter sees every response: 100 responses, every 10th checked
        var spec = Spec(server.Url, 100) with { Workers = 1, Validator = ResponseValidator.ExpectBody(FaultyServer.Body, sampleEvery: 10) };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(10, result.Errors.BodyMismatch);
        Assert.Equal(90, result.Requests);
    }

    [Fact]
    public async Task Pipelined_mixed_faults_keep_exact_counts()
    {
        await using var server = new FaultyServer(n => (n % 7) switch { 1 => Fault.Chunked, 2 => Fault.Status500, _ => Fault.None });
        var result = await LoadEngine.RunAsync(Spec(server.Url, 700, connections: 2, pipeline: 8));
        Assert.Equal(600, result.Requests);
        Assert.Equal(100, result.Errors.Status["500"]);
        Assert.Equal(100, result.Errors.Total);
        Assert.Equal(700, server.RequestsReceived);
    }

    [Fact]
    public async Task Head_responses_have_no_body_despite_their_content_length()
    {
        await using var server = new FaultyServer();
        var spec = Spec(server.Url, 50) with
        {
            Requests = RequestPool.Single(new RequestTemplate(server.Url, "HEAD")),
            Validator = null,
            RequestTimeout = TimeSpan.FromSeconds(1),
        };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(50, result.Requests);
        Assert.Equal(0, result.Errors.Timeout);
    }

    [Fact]
    public async Task Nothing_listening_counts_refused_connects_and_no_success()
    {
        var url = new Uri($"http://127.0.0.1:{FaultyServer.UnusedPort()}/");
        var spec = Spec(url, 10) with { Duration = TimeSpan.FromMilliseconds(300) };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(0, result.Requests);
        Assert.True(result.Errors.ConnectRefused >= 4, $"refused connects: {result.Errors.ConnectRefused}");
        Assert.Equal(result.Errors.ConnectRefused, result.Errors.Total);
    }

    [Fact]
    public async Task Open_model_count_bounded_run_sends_exactly_the_budget_on_schedule()
    {
        await using var server = new FaultyServer();
        var spec = Spec(server.Url, 300) with { Model = LoadModel.ConstantRate(3000) };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(300, result.Requests);
        Assert.Equal(300, server.RequestsReceived);
        Assert.NotNull(result.OpenModel);
        Assert.Equal(300, result.OpenModel!.Scheduled);
        Assert.Equal(300, result.OpenModel.Sent);
        Assert.Equal(0, result.OpenModel.BacklogAtEnd);
    }

    [Fact]
    public async Task Request_pool_variants_are_sent_round_robin()
    {
        await using var server = new FaultyServer();
        var pool = RequestPool.Generate(4, i => new RequestTemplate(server.Url, "POST", [new("X-Variant", i.ToString())], "{}"u8.ToArray(), $"/v{i}"));
        var spec = Spec(server.Url, 400) with { Requests = pool, Workers = 1, Connections = 1 };
        var result = await LoadEngine.RunAsync(spec);
        Assert.Equal(400, result.Requests);
        Assert.Equal(4, server.RequestLines.Count);
        for (var i = 0; i < 4; i++) Assert.Equal(100, server.RequestLines[$"POST /v{i} HTTP/1.1"]);
    }
}
