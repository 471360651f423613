using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Conformance.Jwt;

/// <summary>
/// Mints the tokens the checks and the load scenarios send. Hand-written on purpose: the negative cases
/// (alg "none", HS384, tampered payloads, missing exp) are tokens a JWT library refuses to produce.
/// </summary>
public sealed class TokenFactory(string secret)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A valid token for user <paramref name="userId"/>, the one every load scenario sends.</summary>
    public string Valid(int userId, TimeSpan? lifetime = null) => Sign(Claims(userId.ToString(), lifetime ?? TimeSpan.FromHours(1)));

    public JsonObject Claims(string sub, TimeSpan lifetime)
    {
        var now = Now;
        return new JsonObject { ["sub"] = sub, ["name"] = $"User {sub}", ["iat"] = now, ["exp"] = now + (long)lifetime.TotalSeconds };
    }

    public string Sign(JsonObject claims, string alg = "HS256", byte[]? key = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        var signingInput = $"{B64(header.ToJsonString())}.{B64(claims.ToJsonString())}";
        byte[] signature = alg switch
        {
            "HS256" => HMACSHA256.HashData(key ?? _key, Encoding.ASCII.GetBytes(signingInput)),
            "HS384" => HMACSHA384.HashData(key ?? _key, Encoding.ASCII.GetBytes(signingInput)),
            "none" => [],
            _ => throw new ArgumentException($"unsupported alg {alg}"),
        };
        return $"{signingInput}.{B64(signature)}";
    }

    /// <summary>A validly signed token whose payload is then swapped for another: the signature no longer matches.</summary>
    public string Tampered(int userId)
    {
        var parts = Valid(userId).Split('.');
        var forged = Claims("1", TimeSpan.FromHours(1));
        return $"{parts[0]}.{B64(forged.ToJsonString())}.{parts[2]}";
    }

    public static string B64(string s) => B64(Encoding.UTF8.GetBytes(s));
    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonObject ParseJson(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions())!.AsObject();
}
