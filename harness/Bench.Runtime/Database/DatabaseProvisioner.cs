namespace Bench.Runtime.Database;

/// <summary>The database a run uses: the embedded cluster by default, or the user's server (--database-url); seeded either way.</summary>
public static class DatabaseProvisioner
{
    public static async Task<IPostgresServer> StartAsync(string? databaseUrl, string? cpus = null, CancellationToken ct = default)
    {
        IPostgresServer server = databaseUrl is null ? await EmbeddedPostgres.StartAsync(cpus, ct) : new ExternalPostgres(databaseUrl);
        try
        {
            await Seeder.SeedAsync(server.ConnectionString, ct);
            return server;
        }
        catch (Npgsql.NpgsqlException e) when (databaseUrl is not null)
        {
            await server.DisposeAsync();
            throw new Core.BenchException($"cannot use the database at --database-url: {e.Message}. Check the URL, that the server runs, and that the user may create tables.", e);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
