using System.Security.Cryptography;
using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;
using Npgsql;

namespace Bench.Runtime.Database;

/// <summary>
/// A private PostgreSQL cluster for one harness run: initdb into a temp folder, a free loopback port,
/// a generated password with SCRAM authentication, removed at the end (also on Ctrl-C via <see cref="Cleanup"/>).
/// </summary>
public sealed class EmbeddedPostgres : IPostgresServer
{
    public const string Database = "bench", User = "bench";
    /// <summary>Temp folders are named with this prefix and the owning harness pid, so leftovers of a killed run can be swept.</summary>
    public const string FolderPrefix = "bench-pg-";

    private readonly string _dir;
    private readonly ChildProcess _server;
    private readonly IDisposable _folderCleanup;
    private readonly TargetCgroup? _group;
    private readonly CgroupReader? _cgroupCpu;
    private readonly ProcSampler? _procCpu;

    public string Url { get; }
    public string ConnectionString { get; }
    public int Port { get; }

    private EmbeddedPostgres(string dir, ChildProcess server, TargetCgroup? group, IDisposable folderCleanup, int port, string password)
    {
        _dir = dir; _server = server; _group = group; _folderCleanup = folderCleanup; Port = port;
        // without a group, the server's session from /proc: backends that exit between two readings lose their last CPU ticks
        if (group is null) _procCpu = new ProcSampler(server.Pid);
        else _cgroupCpu = new CgroupReader(group.Files);
        Url = PostgresUrl.FromParts("127.0.0.1", port, User, password, Database);
        ConnectionString = PostgresUrl.ToConnectionString(Url);
    }

    public static async Task<EmbeddedPostgres> StartAsync(string? cpus = null, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Find();
        SweepLeftovers();
        var dir = Directory.CreateTempSubdirectory($"{FolderPrefix}{Environment.ProcessId}-").FullName;
        var folderCleanup = Cleanup.Register(() => TryDelete(dir));
        ChildProcess? server = null;
        var group = TargetCgroup.Probe().Kind is null ? null : TargetCgroup.CreateForAccounting();
        try
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var runAs = PostgresBinaries.RunAsPrefix(dir);
            var pwFile = Path.Combine(dir, "pwfile");
            await File.WriteAllTextAsync(pwFile, password, ct);
            var dataDir = Path.Combine(dir, "data");
            await PostgresBinaries.RunToEndAsync([.. runAs, bin.InitDb, "-D", dataDir, "-U", User, "--pwfile", pwFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"], dir, ct);
            File.Delete(pwFile);

            var port = Ports.FreeLoopbackPort();
            // Settings for a disposable benchmark database: durability off (nothing here must survive a crash),
            // enough connections for every target's pool plus the harness.
            server = ChildProcess.Start([.. runAs, bin.Postgres, "-D", dataDir, "-p", port.ToString(), "-k", dir,
                    "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=128MB"],
                dir, new Dictionary<string, string>(), cpus, "postgres", group?.JoinPrefix());
            var pg = new EmbeddedPostgres(dir, server, group, folderCleanup, port, password);
            await pg.WaitReadyAsync(ct);
            return pg;
        }
        catch
        {
            if (server is not null) await server.DisposeAsync();
            group?.Dispose();
            TryDelete(dir);
            folderCleanup.Dispose();
            throw;
        }
    }

    private Task WaitReadyAsync(CancellationToken ct) =>
        PostgresStartup.CreateDatabaseWhenReadyAsync(ConnectionString, Database, TimeSpan.FromSeconds(30), "the embedded PostgreSQL",
            () => _server.ExitCode, () => _server.Output.ToString(), ct);

    public Task<double?> CpuSecondsAsync(CancellationToken ct = default)
    {
        if (_cgroupCpu is not null) return Task.FromResult<double?>(_cgroupCpu.CpuSeconds());
        lock (_procCpu!) return Task.FromResult<double?>(_procCpu.Sample().CpuSeconds);
    }
    /// <summary>
    /// The postmaster leads its own session (ChildProcess starts it with setsid) and its backends inherit it. It
    /// runs pinned with taskset and, where cgroups can be made, in a cgroup of its own that is there only to
    /// count its CPU time (<see cref="CpuSecondsAsync"/>): no CPU quota, so nothing can throttle it and there
    /// are no throttling counters to give.
    /// </summary>
    public Task<ProcessGroup?> ProcessesAsync(CancellationToken ct = default) => Task.FromResult<ProcessGroup?>(new ProcessGroup(_server.Pid, null));

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // SIGINT is PostgreSQL's "fast shutdown": sessions are cut, nothing is written back we would keep anyway.
        await _server.StopAsync(TimeSpan.FromSeconds(10), Native.SIGINT);
        await _server.DisposeAsync();
        _group?.Dispose();
        TryDelete(_dir);
        _folderCleanup.Dispose();
    }

    /// <summary>Removes clusters left in the temp folder by a harness that was killed (kill -9) before it could clean up.</summary>
    public static void SweepLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var parts = Path.GetFileName(dir)[FolderPrefix.Length..].Split('-');
            if (!int.TryParse(parts[0], out var ownerPid) || ownerPid == Environment.ProcessId || Native.Exists(ownerPid)) continue;
            var pidFile = Path.Combine(dir, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pgPid))
                Native.Kill(pgPid, Native.SIGKILL);
            TryDelete(dir);
        }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
