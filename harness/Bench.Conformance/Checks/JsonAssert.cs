using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Conformance.Checks;

/// <summary>Field access that turns a missing or mistyped field into a contract violation that names it.</summary>
internal static class JsonAssert
{
    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new ContractViolation($"{what}: expected a JSON object, got {node?.ToJsonString() ?? "nothing"}");

    public static JsonArray Array(JsonNode? node, string what) =>
        node as JsonArray ?? throw new ContractViolation($"{what}: expected a JSON array, got {node?.ToJsonString() ?? "nothing"}");

    public static double Number(JsonObject o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.GetValue<double>()
            : throw new ContractViolation($"field '{field}' must be a number in {o.ToJsonString()}");

    public static long Integer(JsonObject o, string field)
    {
        var d = Number(o, field);
        return d == Math.Floor(d) ? (long)d : throw new ContractViolation($"field '{field}' must be an integer in {o.ToJsonString()}");
    }

    public static string String(JsonObject o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new ContractViolation($"field '{field}' must be a string in {o.ToJsonString()}");

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ContractViolation($"{what}: expected {expected}, got {actual}");
    }

    public static void Close(double expected, double actual, string what)
    {
        // Relative 1e-9: every target sums in IEEE doubles, only the order of rounding may differ.
        if (Math.Abs(expected - actual) > 1e-9 * Math.Max(1, Math.Abs(expected)))
            throw new ContractViolation($"{what}: expected {expected:R}, got {actual:R}");
    }
}
