using System.Diagnostics;
using Bench.Runtime.Database;
using Npgsql;

namespace Bench.Runtime.Tests;

/// <summary>The embedded PostgreSQL's CPU time, which a trial adds to the target's for /db and /profile.</summary>
public sealed class DatabaseCpuTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Cpu_of_a_backend_that_has_already_exited_is_counted()
    {
        await using var pg = await EmbeddedPostgres.StartAsync();
        var before = await pg.CpuSecondsAsync();

        // CPU-bound queries on a connection of their own, closed (its backend exits) before the second reading.
        var wall = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await conn.OpenAsync();
            while (wall.Elapsed < TimeSpan.FromSeconds(1))
            {
                await using var cmd = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 2000000)", conn);
                await cmd.ExecuteScalarAsync();
            }
        }
        var busy = wall.Elapsed.TotalSeconds;
        await Task.Delay(200); // the backend's exit

        var used = await pg.CpuSecondsAsync() - before;
        // The backend computed for about a second; a quarter of that is a wide floor for a shared 2-core machine.
        Assert.True(used >= 0.25 * busy, $"the database used {used:0.000} s of CPU during {busy:0.00} s of queries");
        Assert.True(used <= 2.0 * busy + 0.5, $"{used:0.000} s of CPU during {busy:0.00} s: more than its one backend can have used");
    }

    [Fact]
    public async Task An_external_server_has_no_cpu_figure()
    {
        var external = new ExternalPostgres("postgres://u:p@127.0.0.1:1/db");
        Assert.Null(await external.CpuSecondsAsync());
    }
}
