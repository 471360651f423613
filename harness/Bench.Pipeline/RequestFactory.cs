using Bench.Conformance.Jwt;
using Bench.Conformance.Payloads;
using Bench.Core.Scenarios;
using Bench.Load.Http;

namespace Bench.Pipeline;

/// <summary>
/// Turns a scenario's request into the load engine's pre-built pool: one variant per distinct user token
/// or order body, built once before the trial so the hot path only copies bytes.
/// </summary>
public static class RequestFactory
{
    public static RequestPool Build(ScenarioRequest request, Uri baseUri, string jwtSecret)
    {
        var tokens = new TokenFactory(jwtSecret);
        var target = new Uri(baseUri, request.Path);
        return RequestPool.Generate(request.Variants, i =>
        {
            var headers = new List<KeyValuePair<string, string>>();
            // Tokens live for a day so a long run never sends an expired one; user ids spread over the table.
            if (request.Jwt) headers.Add(new("Authorization", "Bearer " + tokens.Valid(1 + i * 7919 % 10_000, TimeSpan.FromDays(1))));
            ReadOnlyMemory<byte> body = default;
            if (request.OrderBytes is { } size)
            {
                headers.Add(new("Content-Type", "application/json"));
                body = OrderGenerator.Bytes(OrderGenerator.Order(id: i + 1, approxBytes: size, seed: i + 1));
            }
            return new RequestTemplate(target, request.Method, headers, body);
        });
    }

    /// <summary>Every 16th response is checked for the expected status (every response's status is counted anyway).</summary>
    public static ResponseValidator Validator(ScenarioRequest request) =>
        ResponseValidator.Matches((status, body) => status == request.ExpectStatus && body.Length > 0, sampleEvery: 16);
}
