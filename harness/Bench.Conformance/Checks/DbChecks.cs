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
            for (var i = 0; i < 40; i++) ids.Add(await ExpectRow(c, JsonAssert.Object((await c.GetAsync("/db")).Json(), "/db")));
            // 40 draws from 10,000 ids: fewer than 20 distinct means the id is not random.
            if (ids.Count < 20) throw new ContractViolation($"40 requests to /db returned only {ids.Count} distinct ids: ids are not random");
            // Shift every randomnumber behind the target's back: a row cache now answers stale values.
            await c.ExecuteAsync("UPDATE world SET randomnumber = randomnumber % 10000 + 1");
            for (var i = 0; i < 40; i++) await ExpectRow(c, JsonAssert.Object((await c.GetAsync("/db")).Json(), "/db after update"));
        });
        yield return new("queries", "/queries", "n rows (each as stored); n clamped to 1..500; missing or not a number → 1", async c =>
        {
            foreach (var (q, expected) in new[] { ("?n=5", 5), ("?n=0", 1), ("?n=-3", 1), ("?n=501", 500), ("?n=abc", 1), ("", 1), ("?n=20", 20) })
            {
                var rows = JsonAssert.Array((await c.GetAsync("/queries" + q)).Json(), "/queries" + q);
                JsonAssert.Equal(expected, rows.Count, $"/queries{q} row count");
                foreach (var row in rows) await ExpectRow(c, JsonAssert.Object(row, "/queries" + q));
            }
        });
    }

    /// <summary>Checks a {"id","randomNumber"} row against the table and returns its id.</summary>
    private static async Task<long> ExpectRow(CheckContext c, JsonObject row)
    {
        var id = JsonAssert.Integer(row, "id");
        if (id is < 1 or > 10_000) throw new ContractViolation($"id {id} outside 1..10000");
        var stored = await c.QueryScalarAsync<int>("SELECT randomnumber FROM world WHERE id = $1", (int)id);
        JsonAssert.Equal((long)stored, JsonAssert.Integer(row, "randomNumber"), $"randomNumber of row {id} (cached or invented row?)");
        JsonAssert.Equal(2, row.Count, "number of fields in a world row");
        return id;
    }
}
