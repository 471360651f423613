using System.Reflection;
using System.Security.Cryptography;
using Bench.Core;
using Bench.Runtime.Database;
using Bench.Runtime.Processes;
using Docker.DotNet.Models;
using Npgsql;

namespace Bench.Runtime.Docker;

/// <summary>
/// PostgreSQL in a container of the run (image bench/postgres:local, built once from the harness's own
/// Dockerfile on bench-base:bookworm), with the embedded cluster's settings, host networking, seeded with
/// the contract's tables by <see cref="Seeder"/>, removed on dispose, Ctrl-C, or by the next run's sweep.
/// </summary>
public sealed class DockerPostgres : IPostgresServer
{
    public const string ImageTag = "bench/postgres:local";
    public const string Database = EmbeddedPostgres.Database, User = EmbeddedPostgres.User;

    private readonly DockerRuntime _runtime;
    private readonly RunningContainer _container;

    /// <summary>DATABASE_URL for the targets: they share the engine host's network, so 127.0.0.1.</summary>
    public string Url { get; }
    /// <summary>For the harness: the engine host's address as the harness reaches it.</summary>
    public string ConnectionString { get; }
    public int Port { get; }
    public string ContainerId => _container.Id;
    public DockerImage Image { get; }

    private DockerPostgres(DockerRuntime runtime, RunningContainer container, DockerImage image, int port, string password)
    {
        _runtime = runtime; _container = container; Image = image; Port = port;
        Url = PostgresUrl.FromParts("127.0.0.1", port, User, password, Database);
        ConnectionString = PostgresUrl.ToConnectionString(PostgresUrl.FromParts(runtime.TargetAddress, port, User, password, Database));
    }

    /// <summary>Builds the image when needed, starts the container (pinned to <paramref name="cpus"/>), waits, seeds.</summary>
    public static async Task<IPostgresServer> StartAsync(DockerRuntime runtime, string? cpus = null, CancellationToken ct = default)
    {
        var image = await EnsureImageAsync(runtime, ct);
        var port = runtime.FreePort();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var container = await runtime.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image.Tag,
            Name = runtime.ContainerName("postgres"),
            Env = [$"PORT={port}", $"POSTGRES_PASSWORD={password}", $"LISTEN={(runtime.IsRemote ? "*" : "127.0.0.1")}"],
            Labels = RunOwner.Labels(runtime.Options.RunId, "postgres"),
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                CpusetCpus = cpus ?? "",
                // parallel query workers share memory through /dev/shm, 64 MB by default in a container
                ShmSize = 256L << 20,
            },
        }, ct);
        var pg = new DockerPostgres(runtime, container, image, port, password);
        try
        {
            await container.StartAsync(ct);
            await pg.WaitReadyAsync(ct);
            await Seeder.SeedAsync(pg.ConnectionString, ct);
            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
    }

    internal static Task<DockerImage> EnsureImageAsync(DockerRuntime runtime, CancellationToken ct)
    {
        var files = new Dictionary<string, byte[]> { ["entrypoint.sh"] = Resource("entrypoint.sh") };
        var context = BuildContext.FromFiles(System.Text.Encoding.UTF8.GetString(Resource("Dockerfile")), "the harness's PostgreSQL Dockerfile", files);
        return ImageBuilder.EnsureAsync(runtime.Client, ImageTag, context,
            new Dictionary<string, string> { [RunOwner.RoleLabel] = "postgres" }, runtime.Options.Log, ct);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"postgres/{name}")
            ?? throw new InvalidOperationException($"embedded resource postgres/{name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private Task WaitReadyAsync(CancellationToken ct) =>
        PostgresStartup.CreateDatabaseWhenReadyAsync(ConnectionString, Database, TimeSpan.FromSeconds(60), "PostgreSQL's container",
            () => _container.ExitCode, () => _container.Output.ToString(), ct);

    /// <summary>The container's CPU time, read as a target container's is.</summary>
    public async Task<double?> CpuSecondsAsync(CancellationToken ct = default) => (await _container.SampleAsync(ct)).CpuSeconds;
    public Task<ProcessGroup?> ProcessesAsync(CancellationToken ct = default) => _container.ProcessesAsync(ct);

    /// <summary>"exited (exit code 137)" once the container has stopped, else whether it answers a query.</summary>
    public Task<string?> FaultAsync(CancellationToken ct = default) =>
        _container.ExitCode is { } code ? Task.FromResult<string?>($"exited (exit code {code})") : PostgresProbe.FaultAsync(ConnectionString, ct);

    /// <summary>Not done: a container of the run that died is a fault of the engine's host, which a new container would meet again.</summary>
    public Task RestartAsync(string fault, CancellationToken ct = default) => Task.FromException(new RunAbortedException(
        $"PostgreSQL's container {_container.Name} {fault}; the run cannot go on without its database: check the Docker engine and the machine's memory, then resume the run."));

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _runtime.RemoveAsync(_container);
    }
}
