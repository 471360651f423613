using Bench.Runtime.Database;
using Xunit;

namespace Bench.Testing;

/// <summary>
/// One embedded, seeded PostgreSQL for a whole test class or collection, removed at the end. (xunit looks for
/// collection definitions in the test assembly itself, so each test project declares its own collection of it.)
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public IPostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DatabaseProvisioner.StartAsync(databaseUrl: null);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
