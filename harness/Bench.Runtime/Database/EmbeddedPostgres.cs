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
    private readonly string[] _command;
    private readonly string? _cpus;
    private ChildProcess _server;
    private readonly IDisposable _folderCleanup;
    private readonly TargetCgroup? _group;
    private readonly CgroupReader? _cgroupCpu;
    private ProcSampler? _procCpu;

    public string Url { get; }
    public string ConnectionString { get; }
    public int Port { get; }

    private EmbeddedPostgres(string dir, string[] command, string? cpus, ChildProcess server, TargetCgroup? group, IDisposable folderCleanup, int port, string password)
    {
        _dir = dir; _command = command; _cpus = cpus; _server = server; _group = group; _folderCleanup = folderCleanup; Port = port;
        // without a group, the server's session from /proc: backends that exit between two readings lose their last CPU ticks
        if (group is null) _procCpu = new ProcSampler(server.Pid);
        else _cgroupCpu = new CgroupReader(group.Files);
        Url = PostgresUrl.FromParts("127.0.0.1", port, User, password, Database);
        ConnectionString = PostgresUrl.ToConnectionString(Url);
    }

    /// <summary>The postmaster, in a session of its own (its backends join it), pinned, in the accounting group if there is one.</summary>
    private static ChildProcess Spawn(string[] command, string dir, string? cpus, TargetCgroup? group) =>
        ChildProcess.Start(command, dir, new Dictionary<string, string>(), cpus, "postgres", group?.JoinPrefix());

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
            string[] command = [.. runAs, bin.Postgres, "-D", dataDir, "-p", port.ToString(), "-k", dir,
                "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=128MB"];
            server = Spawn(command, dir, cpus, group);
            var pg = new EmbeddedPostgres(dir, command, cpus, server, group, folderCleanup, port, password);
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

    /// <summary>"exited (killed by SIGKILL)" once the postmaster is gone, else whether it answers a query.</summary>
    public Task<string?> FaultAsync(CancellationToken ct = default) =>
        _server.ExitDescription is { } exit ? Task.FromResult<string?>($"exited ({exit})") : PostgresProbe.FaultAsync(ConnectionString, ct);

    /// <summary>
    /// The same cluster started again on its own folder and port (PostgreSQL recovers from its WAL: nothing was
    /// lost that the OS had been given, and the tables are read-only for the targets anyway). What is left of the
    /// old server (backends a killed postmaster leaves for a moment, a stopped postmaster) is killed first: a new
    /// postmaster refuses to start while old backends still hold the shared memory.
    /// </summary>
    public async Task RestartAsync(string fault, CancellationToken ct = default)
    {
        NpgsqlConnection.ClearAllPools();
        var old = _server.Pid;
        Native.KillGroup(old, Native.SIGKILL);
        await _server.DisposeAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); Native.KillGroup(old, 0) && DateTime.UtcNow < deadline; )
            await Task.Delay(50, ct);
        try
        {
            _server = Spawn(_command, _dir, _cpus, _group);
            if (_group is null) _procCpu = new ProcSampler(_server.Pid);
            await PostgresStartup.CreateDatabaseWhenReadyAsync(ConnectionString, Database, TimeSpan.FromSeconds(30), "the restarted embedded PostgreSQL",
                () => _server.ExitCode, () => _server.Output.ToString(), ct, create: false);
        }
        catch (Core.BenchException e)
        {
            throw new Core.RunAbortedException($"the embedded PostgreSQL {fault} and did not start again: {e.Message}", e);
        }
    }

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
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pgPid) && RunsIn(pgPid, Path.Combine(dir, "data")))
                Native.Kill(pgPid, Native.SIGKILL);
            TryDelete(dir);
        }
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is still the postmaster of <paramref name="dataDir"/>: PostgreSQL's postmaster works
    /// in its data directory. The pid in postmaster.pid outlives its process; once the owner is long dead the number may
    /// belong to anyone (another test's server, on a machine running several suites), and SIGKILL must not reach it.
    /// </summary>
    private static bool RunsIn(int pid, string dataDir)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is { } cwd
                   && Path.TrimEndingDirectorySeparator(cwd) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
