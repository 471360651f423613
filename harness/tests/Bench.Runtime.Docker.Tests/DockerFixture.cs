using Bench.Runtime.Database;

namespace Bench.Runtime.Docker.Tests;

/// <summary>One runtime and one containerised PostgreSQL for the tests that start targets.</summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public string RunId { get; } = $"test-{Guid.NewGuid():N}"[..13];
    public DockerRuntime Runtime { get; private set; } = null!;
    public IPostgresServer Postgres { get; private set; } = null!;

    public DockerOptions Options(long? memory = null, double? cpus = null) =>
        new() { RunId = RunId, MemoryLimitBytes = memory, CpuLimit = cpus };

    public async Task InitializeAsync()
    {
        if (DockerEnvironment.SkipReason is not null) return;
        DockerEnvironment.RequireBaseImage();
        Runtime = await DockerRuntime.CreateAsync(Options());
        Postgres = await Runtime.StartPostgresAsync();
    }

    public async Task DisposeAsync()
    {
        if (Postgres is not null) await Postgres.DisposeAsync();
        if (Runtime is not null) await Runtime.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
