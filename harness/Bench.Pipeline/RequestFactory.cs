using System.Text;
using System.Text.Json.Nodes;
using Bench.Conformance.Jwt;
using Bench.Conformance.Payloads;
using Bench.Conformance.UnderLoad;
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
                body = OrderGenerator.Bytes(Order(i, size));
            }
            return new RequestTemplate(target, request.Method, headers, body);
        });
    }

    /// <summary>Variant <paramref name="i"/>'s order for POST /json/process: id i + 1, so a response names the order it answers.</summary>
    private static JsonObject Order(int i, int size) => OrderGenerator.Order(id: i + 1, approxBytes: size, seed: i + 1);

    /// <summary>Sampled bodies are judged by the contract's rules (a JSON parse each): one in this many per worker.</summary>
    public const int SampleEvery = 16;

    /// <summary>
    /// The contract's checks under load (<see cref="ResponseContract"/>): every response's status and body
    /// length, and one body in <see cref="SampleEvery"/> against the rules `bench verify` applies.
    /// </summary>
    public static ResponseValidator Validator(ScenarioRequest request)
    {
        Func<long, JsonObject?>? orderById = null;
        if (request.OrderBytes is { } size)
        {
            var orders = Enumerable.Range(0, request.Variants).Select(i => Order(i, size)).ToArray();
            orderById = id => id >= 1 && id <= orders.Length ? orders[id - 1] : null;
        }
        var contract = ResponseContract.For(request, orderById);
        var sampled = contract.Rule is null
            ? ResponseValidator.StatusAndLength(contract.Status, contract.MinBodyBytes, contract.MaxBodyBytes)
            : ResponseValidator.Matches((_, body) => contract.Accepts(Encoding.UTF8.GetString(body)), SampleEvery,
                (int)Math.Min(contract.MaxBodyBytes, int.MaxValue));
        return sampled.WithEveryResponse(contract.Status, contract.MinBodyBytes, contract.MaxBodyBytes);
    }
}
