using System.Text;
using System.Text.Json.Nodes;
using Bench.Conformance.Payloads;

namespace Bench.Conformance.Checks;

/// <summary>POST /json/process: the JSON workload, and its 400 / 413 / 415 cases.</summary>
internal static class JsonProcessChecks
{
    private const int OneMiB = 1024 * 1024;

    public static IEnumerable<Check> All()
    {
        yield return new("process", "/json/process", "sorts items by unitPrice desc (stable), computes total/itemCount/maxUnitPrice (1 KB, 16 KB, 128 KB)", async c =>
        {
            foreach (var size in new[] { 1024, 16 * 1024, 128 * 1024 })
                await ExpectProcessed(c, OrderGenerator.Order(id: size, approxBytes: size, seed: size));
        });
        yield return new("process-empty", "/json/process", "empty items → total 0, itemCount 0, maxUnitPrice 0", c =>
            ExpectProcessed(c, JsonNode.Parse("{\"id\":1,\"customer\":\"empty\",\"items\":[]}")!.AsObject()));
        yield return new("process-bad-json", "/json/process", "malformed JSON → 400 JSON error", async c =>
        {
            (await c.PostAsync("/json/process", "{\"id\": 1, \"customer\": ")).ExpectJsonError(400);
            (await c.PostAsync("/json/process", "not json at all")).ExpectJsonError(400);
        });
        yield return new("process-bad-shape", "/json/process", "wrong types or missing fields → 400 JSON error", async c =>
        {
            (await c.PostAsync("/json/process", "{\"id\":1,\"customer\":\"x\",\"items\":\"none\"}")).ExpectJsonError(400);
            (await c.PostAsync("/json/process", "{\"id\":\"one\",\"customer\":\"x\",\"items\":[]}")).ExpectJsonError(400);
            (await c.PostAsync("/json/process", "{\"id\":1,\"items\":[]}")).ExpectJsonError(400);
            (await c.PostAsync("/json/process", "{\"id\":1,\"customer\":\"x\",\"items\":[{\"sku\":\"a\",\"qty\":1}]}")).ExpectJsonError(400);
        });
        yield return new("process-size-limit", "/json/process", "exactly 1 MiB accepted, 1 MiB + 1 byte → 413 JSON error", async c =>
        {
            var order = OrderGenerator.Order(id: 7, approxBytes: OneMiB - 4096, seed: 7);
            await ExpectProcessed(c, order, Padded(order, OneMiB));
            (await c.PostAsync("/json/process", Padded(order, OneMiB + 1))).ExpectJsonError(413);
        });
        yield return new("process-content-type", "/json/process", "Content-Type other than application/json → 415", async c =>
            (await c.PostAsync("/json/process", "{\"id\":1,\"customer\":\"x\",\"items\":[]}", "text/plain")).ExpectStatus(415));
    }

    /// <summary>The order followed by spaces up to exactly <paramref name="size"/> bytes: still valid JSON.</summary>
    private static byte[] Padded(JsonObject order, int size)
    {
        var json = OrderGenerator.Bytes(order);
        if (json.Length > size) throw new InvalidOperationException("order larger than the padding target");
        var padded = new byte[size];
        json.CopyTo(padded, 0);
        padded.AsSpan(json.Length).Fill((byte)' ');
        return padded;
    }

    private static async Task ExpectProcessed(CheckContext c, JsonObject order, byte[]? body = null) =>
        BodyRules.Processed(order, (await c.PostAsync("/json/process", body ?? OrderGenerator.Bytes(order))).Json());
}
