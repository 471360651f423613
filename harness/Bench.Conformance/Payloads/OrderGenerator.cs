using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Bench.Conformance.Payloads;

/// <summary>
/// Builds the orders POST /json/process takes, deterministically from a seed, at a chosen size
/// (the scenarios use ~1 KB, ~16 KB and ~128 KB), and computes the answer the contract expects.
/// </summary>
public static class OrderGenerator
{
    public static JsonObject Order(int id, int approxBytes, int seed = 1)
    {
        var rng = new Random(seed);
        var items = new JsonArray();
        var order = new JsonObject { ["id"] = id, ["customer"] = $"ACME-{id}", ["items"] = items };
        // ~60 bytes per item: grow until the serialised order reaches the wanted size (tracked, not re-serialised).
        var length = order.ToJsonString().Length;
        while (length < approxBytes)
        {
            var cents = rng.Next(1, 100_000);
            // Repeat a price now and then so the stable-sort rule is exercised.
            var price = items.Count > 2 && rng.Next(8) == 0 ? items[rng.Next(items.Count)]!["unitPrice"]!.GetValue<double>() : cents / 100.0;
            var item = new JsonObject { ["sku"] = $"SKU-{items.Count + 1}", ["qty"] = rng.Next(0, 20), ["unitPrice"] = price };
            length += item.ToJsonString().Length + 1;
            items.Add(item);
        }
        // Re-parse so every value is JSON-backed and reads as long or double alike, as a received order would.
        return JsonNode.Parse(order.ToJsonString())!.AsObject();
    }

    public static byte[] Bytes(JsonObject order) => Encoding.UTF8.GetBytes(order.ToJsonString());

    /// <summary>The contract's response: items sorted by unitPrice descending (stable), total, itemCount, maxUnitPrice.</summary>
    public static (JsonArray SortedItems, double Total, int ItemCount, double MaxUnitPrice) Expected(JsonObject order)
    {
        var items = order["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var total = 0.0;
        foreach (var item in items) total += item["qty"]!.GetValue<long>() * item["unitPrice"]!.GetValue<double>();
        var sorted = items.OrderByDescending(i => i["unitPrice"]!.GetValue<double>()).Select(i => (JsonNode)i.DeepClone()).ToArray();
        var max = items.Count == 0 ? 0 : items.Max(i => i["unitPrice"]!.GetValue<double>());
        return (new JsonArray(sorted), total, items.Count, max);
    }

    public static string Describe(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
