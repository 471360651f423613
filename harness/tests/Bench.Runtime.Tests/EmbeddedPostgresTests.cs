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
    public void Sweeps_a_cluster_left_by_a_killed_harness()
    {
        // A folder named after a pid that no longer exists, holding a "postmaster" that is really a sleep working in
        // the data directory, as a postmaster does.
        var (folder, data) = Leftover("test");
        using var sleeper = Sleep(workingIn: data);
        File.WriteAllText(Path.Combine(data, "postmaster.pid"), $"{sleeper.Id}\n");

        EmbeddedPostgres.SweepLeftovers();

        Assert.False(Directory.Exists(folder));
        Assert.True(sleeper.WaitForExit(5000), "the leftover server was not killed");
    }

    [Fact]
    public void A_pid_in_a_leftover_postmaster_pid_that_now_belongs_to_another_process_is_not_killed()
    {
        // The owner died long ago and its postmaster's pid was reused: a process working anywhere but the data directory
        // is somebody else's, and survives the sweep. The folder still goes.
        var (folder, data) = Leftover("reused");
        using var bystander = Sleep(workingIn: Path.GetTempPath());
        File.WriteAllText(Path.Combine(data, "postmaster.pid"), $"{bystander.Id}\n");
        try
        {
            EmbeddedPostgres.SweepLeftovers();

            Assert.False(Directory.Exists(folder));
            Assert.False(bystander.WaitForExit(500), $"the sweep killed pid {bystander.Id}, which was not the leftover's postmaster");
        }
        finally
        {
            if (!bystander.HasExited) bystander.Kill();
        }
    }

    private static (string Folder, string Data) Leftover(string suffix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{EmbeddedPostgres.FolderPrefix}{FindDeadPid()}-{suffix}");
        var data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        return (folder, data);
    }

    private static System.Diagnostics.Process Sleep(string workingIn) =>
        System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "300") { WorkingDirectory = workingIn })!;

    private static int FindDeadPid()
    {
        for (var pid = 4_000_000; pid > 1000; pid -= 7919)
            if (!Native.Exists(pid)) return pid;
        throw new InvalidOperationException("no free pid found");
    }
}
