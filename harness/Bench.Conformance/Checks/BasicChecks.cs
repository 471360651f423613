namespace Bench.Conformance.Checks;

/// <summary>/plaintext, /json, headers every response carries, unknown paths, /healthz.</summary>
internal static class BasicChecks
{
    public static IEnumerable<Check> All()
    {
        yield return new("plaintext", "/plaintext", "200 text/plain 'Hello, World!'", async c =>
        {
            var r = (await c.GetAsync("/plaintext")).ExpectStatus(200).ExpectContentType("text/plain");
            BodyRules.Plaintext(r.Body);
        });
        yield return new("json", "/json", "200 {\"message\":\"Hello, World!\"}", async c => BodyRules.Json((await c.GetAsync("/json")).Json()));
        yield return new("headers", "*", "Date, Content-Type and Content-Length/chunked on every response", async c =>
        {
            foreach (var path in new[] { "/plaintext", "/json", "/db", "/jwt", "/no-such-path" })
            {
                var r = await c.GetAsync(path);
                if (!r.HasDate) throw new ContractViolation($"{r.Request}: no Date header");
                if (r.ContentType is null) throw new ContractViolation($"{r.Request}: no Content-Type header");
                if (!r.HasLengthOrChunked) throw new ContractViolation($"{r.Request}: neither Content-Length nor chunked");
            }
        });
        yield return new("not-found", "*", "unknown path → 404", async c =>
        {
            (await c.GetAsync("/no-such-path")).ExpectStatus(404);
            (await c.GetAsync("/json/nope")).ExpectStatus(404);
        });
        yield return new("healthz", "/healthz", "200 {\"status\":\"ok\"} with the database up", async c => BodyRules.Healthz((await c.GetAsync("/healthz")).Json()));
    }
}
