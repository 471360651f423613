namespace Bench.Runtime.Database;

/// <summary>The database a run uses: the embedded cluster by default, or the user's server (--database-url); seeded either way.</summary>
public static class DatabaseProvisioner
{
    /// <summary>
    /// Connects once to the server a --database-url names, before anything is built or started: a typo'd host or a
    /// stopped server is one line now, not a failure after minutes of builds. Null: the embedded server (nothing to check).
    /// </summary>
    public static async Task CheckReachableAsync(string? databaseUrl, CancellationToken ct = default)
    {
        if (databaseUrl is null) return;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(databaseUrl)) { Pooling = false, Timeout = 5 };
        try
        {
            await using var conn = new Npgsql.NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The URL's password stays out of the message: host, port, database and user say which server was meant.
            throw new Core.BenchException($"cannot reach the database at --database-url (postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}): " +
                $"{FirstLine(e)}. Check the URL, that the server runs and accepts this user, or leave --database-url out for the embedded server.", e);
        }
    }

    private static string FirstLine(Exception e)
    {
        var inner = e.InnerException is { } i && e.Message.StartsWith("Failed to connect", StringComparison.Ordinal) ? $"{e.Message.TrimEnd('.')} ({i.Message})" : e.Message;
        return inner.Split('\n')[0].Trim().TrimEnd('.');
    }

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
