using System.Text.Json.Nodes;
using Bench.Conformance.Payloads;

namespace Bench.Conformance.Checks;

/// <summary>
/// The contract's rules on a response body, as pure functions: `bench verify` applies them to its requests
/// and the load engine to the responses it samples under load, so a target is held to the same rules
/// whether it is checked at rest or under load. Each throws <see cref="ContractViolation"/> naming the fault.
/// </summary>
public static class BodyRules
{
    public const string HelloWorld = "Hello, World!";

    /// <summary>(n, count of primes below n, their sum): small edge cases and the contract's upper bound.</summary>
    public static readonly IReadOnlyList<(int N, long Count, long Sum)> KnownPrimes =
        [(1, 0, 0), (2, 0, 0), (3, 1, 2), (100, 25, 1060), (7919, 999, 3674994), (7920, 1000, 3682913), (10_000_000, 664_579, 3_203_324_994_356)];

    /// <summary>GET /plaintext: exactly "Hello, World!".</summary>
    public static void Plaintext(string body) => JsonAssert.Equal(HelloWorld, body, "body");

    /// <summary>GET /json: {"message":"Hello, World!"} and nothing else.</summary>
    public static void Json(JsonNode? node)
    {
        var o = JsonAssert.Object(node, "/json");
        JsonAssert.Equal(HelloWorld, JsonAssert.String(o, "message"), "message");
        JsonAssert.Equal(1, o.Count, "number of fields");
    }

    /// <summary>A world row {"id","randomNumber"}: id in 1..10000, both integers, no other field.</summary>
    public static (long Id, long RandomNumber) WorldRow(JsonNode? node, string what)
    {
        var row = JsonAssert.Object(node, what);
        var id = JsonAssert.Integer(row, "id");
        if (id is < 1 or > 10_000) throw new ContractViolation($"id {id} outside 1..10000");
        var randomNumber = JsonAssert.Integer(row, "randomNumber");
        JsonAssert.Equal(2, row.Count, "number of fields in a world row");
        return (id, randomNumber);
    }

    /// <summary>GET /queries: an array of <paramref name="expected"/> world rows.</summary>
    public static IReadOnlyList<(long Id, long RandomNumber)> Queries(JsonNode? node, int expected, string what)
    {
        var rows = JsonAssert.Array(node, what);
        JsonAssert.Equal(expected, rows.Count, $"{what} row count");
        return [.. rows.Select(r => WorldRow(r, what))];
    }

    /// <summary>The /queries clamp: n in 1..500; missing or not an integer → 1.</summary>
    public static int ClampQueries(string? n) => int.TryParse(n, out var v) ? Math.Clamp(v, 1, 500) : 1;

    /// <summary>GET /jwt: the token's claims, typed; the name is "User {sub}" as every token minted here says.</summary>
    public static (string Sub, string Name, long Iat, long Exp) JwtClaims(JsonNode? node)
    {
        var o = JsonAssert.Object(node, "/jwt");
        var sub = JsonAssert.String(o, "sub");
        var name = JsonAssert.String(o, "name");
        JsonAssert.Equal($"User {sub}", name, "name");
        return (sub, name, JsonAssert.Integer(o, "iat"), JsonAssert.Integer(o, "exp"));
    }

    /// <summary>GET /profile: a users row {"id","name","email"}.</summary>
    public static (long Id, string Name, string Email) User(JsonNode? node)
    {
        var o = JsonAssert.Object(node, "/profile");
        return (JsonAssert.Integer(o, "id"), JsonAssert.String(o, "name"), JsonAssert.String(o, "email"));
    }

    /// <summary>GET /cpu?n=: n echoed; count and sum exact where <see cref="KnownPrimes"/> knows them, integers otherwise.</summary>
    public static void Primes(JsonNode? node, int n)
    {
        var o = JsonAssert.Object(node, $"/cpu?n={n}");
        JsonAssert.Equal((long)n, JsonAssert.Integer(o, "n"), $"/cpu?n={n} n");
        var (count, sum) = (JsonAssert.Integer(o, "count"), JsonAssert.Integer(o, "sum"));
        foreach (var known in KnownPrimes.Where(k => k.N == n))
        {
            JsonAssert.Equal(known.Count, count, $"/cpu?n={n} count");
            JsonAssert.Equal(known.Sum, sum, $"/cpu?n={n} sum");
        }
    }

    /// <summary>The /io clamp: ms in 0..10,000; missing or not an integer → 0.</summary>
    public static long ClampIo(string? ms) => long.TryParse(ms, out var v) ? Math.Clamp(v, 0, 10_000) : 0;

    /// <summary>GET /io?ms=: {"waitedMs": ms}.</summary>
    public static void Io(JsonNode? node, long ms, string what) =>
        JsonAssert.Equal(ms, JsonAssert.Integer(JsonAssert.Object(node, what), "waitedMs"), $"{what} waitedMs");

    /// <summary>GET /healthz: {"status":"ok"}.</summary>
    public static void Healthz(JsonNode? node) => JsonAssert.Equal("ok", JsonAssert.String(JsonAssert.Object(node, "/healthz"), "status"), "status");

    /// <summary>The contract's error body: {"error": "..."}.</summary>
    public static void JsonError(JsonNode? node, string what)
    {
        if (node is not JsonObject o || o["error"] is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
            throw new ContractViolation($"{what}: error body must be {{\"error\":\"...\"}}, got {node?.ToJsonString() ?? "nothing"}");
    }

    /// <summary>POST /json/process: <paramref name="order"/> back, items sorted by unitPrice desc (stable), total, itemCount, maxUnitPrice.</summary>
    public static void Processed(JsonObject order, JsonNode? node)
    {
        var o = JsonAssert.Object(node, "/json/process");
        var (sorted, total, itemCount, max) = OrderGenerator.Expected(order);
        JsonAssert.Equal(order["id"]!.GetValue<long>(), JsonAssert.Integer(o, "id"), "id");
        JsonAssert.Equal(order["customer"]!.GetValue<string>(), JsonAssert.String(o, "customer"), "customer");
        JsonAssert.Equal((long)itemCount, JsonAssert.Integer(o, "itemCount"), "itemCount");
        JsonAssert.Close(total, JsonAssert.Number(o, "total"), "total");
        JsonAssert.Close(max, JsonAssert.Number(o, "maxUnitPrice"), "maxUnitPrice");
        var items = JsonAssert.Array(o["items"], "items");
        JsonAssert.Equal(sorted.Count, items.Count, "items.Count");
        for (var i = 0; i < sorted.Count; i++)
        {
            var want = sorted[i]!.AsObject();
            var got = JsonAssert.Object(items[i], $"items[{i}]");
            if (JsonAssert.String(got, "sku") != want["sku"]!.GetValue<string>()
                || JsonAssert.Integer(got, "qty") != want["qty"]!.GetValue<long>()
                || JsonAssert.Number(got, "unitPrice") != want["unitPrice"]!.GetValue<double>())
                throw new ContractViolation($"items[{i}]: expected {want.ToJsonString()} (sorted by unitPrice desc, stable), got {got.ToJsonString()}");
        }
    }
}
