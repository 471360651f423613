using System.Text.Json.Nodes;

namespace Bench.Conformance.Checks;

/// <summary>/db and /queries: real rows, random ids, fresh on every request, TechEmpower's clamping.</summary>
internal static class DbChecks
{
    public static IEnumerable<Check> All()
    {
        yield return new("db", "/db", "a random world row, as stored now (no cached rows)", async c =>
        {
            var ids = new HashSet<long>();
            for (var i = 0; i < 40; i++) ids.Add(await ExpectRow(c, (await c.GetAsync("/db")).Json()));
            // 40 draws from 10,000 ids: fewer than 20 distinct means the id is not random.
            if (ids.Count < 20) throw new ContractViolation($"40 requests to /db returned only {ids.Count} distinct ids: ids are not random");
            // Shift every randomnumber behind the target's back: a row cache now answers stale values.
            await c.ExecuteAsync("UPDATE world SET randomnumber = randomnumber % 10000 + 1");
            for (var i = 0; i < 40; i++) await ExpectRow(c, (await c.GetAsync("/db")).Json());
        });
        yield return new("queries", "/queries", "n rows (each as stored); n clamped to 1..500; missing or not a number → 1", async c =>
        {
            foreach (var (q, expected) in new[] { ("?n=5", 5), ("?n=0", 1), ("?n=-3", 1), ("?n=501", 500), ("?n=abc", 1), ("", 1), ("?n=20", 20) })
            {
                foreach (var (id, randomNumber) in BodyRules.Queries((await c.GetAsync("/queries" + q)).Json(), expected, "/queries" + q))
                    await ExpectStored(c, id, randomNumber);
            }
        });
    }

    /// <summary>Checks a {"id","randomNumber"} row against the contract and the table and returns its id.</summary>
    private static async Task<long> ExpectRow(CheckContext c, JsonNode? row)
    {
        var (id, randomNumber) = BodyRules.WorldRow(row, "/db");
        await ExpectStored(c, id, randomNumber);
        return id;
    }

    private static async Task ExpectStored(CheckContext c, long id, long randomNumber)
    {
        var stored = await c.QueryScalarAsync<int>("SELECT randomnumber FROM world WHERE id = $1", (int)id);
        JsonAssert.Equal((long)stored, randomNumber, $"randomNumber of row {id} (cached or invented row?)");
    }
}
