using Bench.Load.Http;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// Every response's status and body length are checked, bodies are sampled: a target that turns wrong
/// under load is caught. Count-bounded runs, so every count is exact.
/// </summary>
public class ChecksUnderLoadTests
{
    private const int Requests = 400, GoodFor = 200;

    // what the pipeline builds for /plaintext: exactly 200, exactly 13 bytes, sampled bodies judged by a rule
    private static readonly ResponseValidator Plaintext = ResponseValidator
        .Matches((_, body) => System.Text.Encoding.UTF8.GetString(body) == FaultyServer.Body, sampleEvery: 16)
        .WithEveryResponse(200, FaultyServer.Body.Length, FaultyServer.Body.Length);

    private static LoadSpec Spec(Uri url, ResponseValidator validator) => new()
    {
        Target = url, Connections = 4, Workers = 1, MaxRequests = Requests, Duration = TimeSpan.FromSeconds(30), Validator = validator,
    };

    [Fact]
    public async Task A_body_of_the_wrong_length_is_caught_on_every_response_not_one_in_sixteen()
    {
        await using var server = new FaultyServer(n => n > GoodFor ? Fault.WrongLength : Fault.None);
        var result = await LoadEngine.RunAsync(Spec(server.Url, Plaintext));
        Assert.Equal(GoodFor, result.Requests);
        Assert.Equal(Requests - GoodFor, result.Errors.BodyMismatch);
        Assert.Equal(Requests - GoodFor, result.Errors.Total);
    }

    [Fact]
    public async Task A_body_gone_wrong_at_the_right_length_is_caught_by_sampling()
    {
        await using var server = new FaultyServer(n => n > GoodFor ? Fault.WrongBody : Fault.None);
        var result = await LoadEngine.RunAsync(Spec(server.Url, Plaintext));
        // one in 16 of the 200 wrong ones is sampled (which ones depends on the order the 4 connections are read in)
        Assert.InRange(result.Errors.BodyMismatch, 200 / 16 - 2, 200 / 16 + 2);
        Assert.Equal(Requests, result.Requests + result.Errors.BodyMismatch);
    }

    [Fact]
    public async Task A_status_other_than_the_expected_one_is_an_error_even_when_http_calls_it_success()
    {
        await using var server = new FaultyServer(n => n % 10 == 0 ? Fault.Redirect : Fault.None);
        var result = await LoadEngine.RunAsync(Spec(server.Url, Plaintext));
        Assert.Equal(Requests / 10, result.Errors.Status["302"]);
        Assert.Equal(Requests - Requests / 10, result.Requests);
        Assert.Equal(0, result.Errors.BodyMismatch);
    }

    [Fact]
    public async Task Without_an_expected_status_2xx_and_3xx_pass_and_4xx_5xx_fail()
    {
        await using var server = new FaultyServer(n => (n % 10) switch { 1 => Fault.Redirect, 2 => Fault.Status500, _ => Fault.None });
        var result = await LoadEngine.RunAsync(Spec(server.Url, ResponseValidator.ExpectBody(FaultyServer.Body, sampleEvery: 1000)));
        Assert.Equal(Requests / 10, result.Errors.Status["500"]);
        Assert.False(result.Errors.Status.ContainsKey("302"));
        Assert.Equal(Requests - Requests / 10, result.Requests);
    }

    [Fact]
    public async Task Chunked_bodies_are_measured_after_de_chunking()
    {
        await using var server = new FaultyServer(_ => Fault.Chunked); // "Hello, World!" in two chunks
        var result = await LoadEngine.RunAsync(Spec(server.Url, Plaintext));
        Assert.Equal(Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
    }
}
