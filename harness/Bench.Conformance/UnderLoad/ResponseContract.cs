using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using Bench.Conformance.Checks;
using Bench.Core.Scenarios;

namespace Bench.Conformance.UnderLoad;

/// <summary>
/// What the contract says about every response to one scenario's request, in the form the load engine can
/// check at speed: the status (every response), the body's length (every response: exact where the
/// contract fixes the body, a plausible range otherwise), and the <see cref="BodyRules"/> `bench verify`
/// applies (on sampled bodies, since they parse JSON).
/// </summary>
/// <param name="Status">the status every response must have</param>
/// <param name="MinBodyBytes">shortest body the contract allows</param>
/// <param name="MaxBodyBytes">longest body the contract allows (also the capture size for sampled bodies)</param>
/// <param name="Rule">the body rule, throwing <see cref="ContractViolation"/>; null when the contract fixes nothing more</param>
public sealed record ResponseContract(int Status, long MinBodyBytes, long MaxBodyBytes, Action<string>? Rule)
{
    // A world row is {"id":1,"randomNumber":1} (25 bytes) to 33 bytes with 5-digit numbers; 64 leaves room
    // for a serialiser's spaces without letting an empty object or an error through.
    private const long RowMin = 25, RowMax = 64;
    private const long NoLimit = long.MaxValue;

    /// <summary>True when the body satisfies <see cref="Rule"/> (always, without one).</summary>
    public bool Accepts(string body)
    {
        if (Rule is null) return true;
        try
        {
            Rule(body);
            return true;
        }
        catch (ContractViolation) { return false; }
        catch (JsonException) { return false; }
    }

    /// <param name="request">the scenario's request</param>
    /// <param name="orderById">POST /json/process: the order that was sent with this id (the response echoes it)</param>
    public static ResponseContract For(ScenarioRequest request, Func<long, JsonObject?>? orderById = null)
    {
        var uri = new Uri(new Uri("http://target"), request.Path);
        var query = HttpUtility.ParseQueryString(uri.Query);
        if (request.ExpectStatus != 200)
        {
            // the contract's errors are {"error": ...}; a 404 or 415 may be the framework's own body
            return request.ExpectStatus is 400 or 401 or 413
                ? new(request.ExpectStatus, 2, 64 * 1024, body => BodyRules.JsonError(JsonNode.Parse(body), request.Path))
                : new(request.ExpectStatus, 0, 64 * 1024, null);
        }
        switch (uri.AbsolutePath)
        {
            case "/plaintext":
                return new(200, BodyRules.HelloWorld.Length, BodyRules.HelloWorld.Length, BodyRules.Plaintext);
            case "/json":
                // the contract's body, {"message":"Hello, World!"}: 27 bytes exactly
                return new(200, 27, 27, body => BodyRules.Json(JsonNode.Parse(body)));
            case "/db":
                return new(200, RowMin, RowMax, body => BodyRules.WorldRow(JsonNode.Parse(body), "/db"));
            case "/queries":
            {
                var n = BodyRules.ClampQueries(query["n"]);
                return new(200, n * RowMin + (n - 1) + 2, n * (RowMax + 1) + 2, body => BodyRules.Queries(JsonNode.Parse(body), n, "/queries"));
            }
            case "/jwt":
                // {"sub":"1","name":"User 1","iat":1700000000,"exp":1700003600} is ~60 bytes
                return new(200, 40, 512, body => BodyRules.JwtClaims(JsonNode.Parse(body)));
            case "/profile":
                // {"id":1,"name":"User 1","email":"user1@example.com"} is ~50 bytes
                return new(200, 30, 512, body => BodyRules.User(JsonNode.Parse(body)));
            case "/cpu":
            {
                var n = int.TryParse(query["n"], out var v) ? v : 0;
                return new(200, 20, 128, body => BodyRules.Primes(JsonNode.Parse(body), n));
            }
            case "/io":
            {
                var ms = BodyRules.ClampIo(query["ms"]);
                return new(200, 13, 32, body => BodyRules.Io(JsonNode.Parse(body), ms, "/io"));
            }
            case "/healthz":
                return new(200, 15, 64, body => BodyRules.Healthz(JsonNode.Parse(body)));
            case "/json/process" when request.OrderBytes is { } size && orderById is not null:
                // the order back, without any padding, plus three fields: at least half the request, at most twice and a bit
                return new(200, size / 2, 2L * size + 1024, body =>
                {
                    var node = JsonNode.Parse(body);
                    var id = node is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<long>(out var x) ? x : -1;
                    BodyRules.Processed(orderById(id) ?? throw new ContractViolation($"/json/process: id {id} is no order that was sent"), node);
                });
            default:
                return new(200, 0, NoLimit, null);
        }
    }
}
