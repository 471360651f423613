using System.Diagnostics;

namespace Bench.Conformance.Checks;

/// <summary>/cpu (a sieve in the language itself) and /io (a timer that blocks no thread).</summary>
internal static class ComputeChecks
{
    public static IEnumerable<Check> All()
    {
        yield return new("cpu", "/cpu", "primes below n: count and sum, edges and 10,000,000", async c =>
        {
            foreach (var (n, _, _) in BodyRules.KnownPrimes) BodyRules.Primes((await c.GetAsync($"/cpu?n={n}")).Json(), n);
        });
        yield return new("cpu-bounds", "/cpu", "n out of 1..10,000,000, missing or not a number → 400", async c =>
        {
            foreach (var q in new[] { "?n=0", "?n=-5", "?n=10000001", "?n=abc", "" })
                (await c.GetAsync("/cpu" + q)).ExpectJsonError(400);
        });
        yield return new("io", "/io", "waits ms on a timer; clamped to 0..10,000; invalid → 0", async c =>
        {
            var sw = Stopwatch.StartNew();
            BodyRules.Io((await c.GetAsync("/io?ms=120")).Json(), 120, "/io?ms=120");
            // A timer may fire a little early on some runtimes, never much: 100 ms is a safe floor for 120.
            if (sw.ElapsedMilliseconds < 100) throw new ContractViolation($"/io?ms=120 answered after {sw.ElapsedMilliseconds} ms");
            foreach (var (q, expected) in new[] { ("?ms=-5", 0L), ("?ms=abc", 0L), ("", 0L) })
                BodyRules.Io((await c.GetAsync("/io" + q)).Json(), expected, $"/io{q}");
        });
        yield return new("io-concurrent", "/io", "64 concurrent 500 ms waits overlap (no thread blocked per wait)", async c =>
        {
            var sw = Stopwatch.StartNew();
            var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => c.GetAsync("/io?ms=500")));
            foreach (var r in replies) r.ExpectStatus(200);
            // Serialised waits would take 32 s; a blocked thread per wait on a small pool takes many seconds.
            // 8 s leaves room for a loaded CI machine while still catching a blocking implementation.
            if (sw.Elapsed > TimeSpan.FromSeconds(8))
                throw new ContractViolation($"64 concurrent /io?ms=500 took {sw.Elapsed.TotalSeconds:0.0} s: the waits do not overlap");
        });
    }
}
