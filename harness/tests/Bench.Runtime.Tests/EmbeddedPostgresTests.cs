using Bench.Runtime.Database;
using Bench.Runtime.Processes;
using Npgsql;

namespace Bench.Runtime.Tests;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Starts_seeds_and_leaves_nothing_behind()
    {
        var pg = await DatabaseProvisioner.StartAsync(databaseUrl: null);
        var embedded = Assert.IsType<EmbeddedPostgres>(pg);
        var folder = Directory.EnumerateDirectories(Path.GetTempPath(), $"{EmbeddedPostgres.FolderPrefix}{Environment.ProcessId}-*").Single();
        var pid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());

        await using (var conn = new NpgsqlConnection(pg.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM world), (SELECT count(*) FROM users), (SELECT email FROM users WHERE id = 7)", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(10_000L, r.GetInt64(0));
            Assert.Equal(10_000L, r.GetInt64(1));
            Assert.Equal("user7@example.com", r.GetString(2));
        }
        Assert.StartsWith($"postgres://{EmbeddedPostgres.User}:", pg.Url);
        Assert.Contains($"127.0.0.1:{embedded.Port}/bench", pg.Url);

        await pg.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        Assert.False(Native.Exists(pid), "postgres still runs after dispose");
    }

    [Fact]
    public async Task Requires_a_password()
    {
        await using var pg = await DatabaseProvisioner.StartAsync(databaseUrl: null);
        var wrong = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Password = "wrong" }.ConnectionString;
        await using var conn = new NpgsqlConnection(wrong);
        await Assert.ThrowsAsync<PostgresException>(() => conn.OpenAsync());
    }

    [Fact]
    public async Task Sweeps_a_cluster_left_by_a_killed_harness()
    {
        // A folder named after a pid that no longer exists, holding a "postmaster" that is really a sleep.
        using var sleeper = System.Diagnostics.Process.Start("sleep", "300");
        var deadOwner = FindDeadPid();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{EmbeddedPostgres.FolderPrefix}{deadOwner}-test")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "postmaster.pid"), $"{sleeper.Id}\n");

        EmbeddedPostgres.SweepLeftovers();

        Assert.False(Directory.Exists(folder));
        Assert.True(sleeper.WaitForExit(5000), "the leftover server was not killed");
    }

    private static int FindDeadPid()
    {
        for (var pid = 4_000_000; pid > 1000; pid -= 7919)
            if (!Native.Exists(pid)) return pid;
        throw new InvalidOperationException("no free pid found");
    }
}
