using Bench.Runtime.Database;

namespace Bench.Conformance.Tests;

/// <summary>One embedded, seeded PostgreSQL for the whole conformance test run, removed at the end.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public IPostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DatabaseProvisioner.StartAsync(databaseUrl: null);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
