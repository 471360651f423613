using Npgsql;

namespace Bench.Runtime.Database;

/// <summary>
/// A PostgreSQL server the targets use: either the embedded one the harness created, or the user's own
/// (--database-url), which the harness seeds but never drops.
/// </summary>
public interface IPostgresServer : IAsyncDisposable
{
    /// <summary>postgres://user:password@host:port/db, as the targets' DATABASE_URL.</summary>
    string Url { get; }

    /// <summary>The same server as an Npgsql connection string, for the harness itself.</summary>
    string ConnectionString { get; }

    /// <summary>
    /// CPU time every process of the server has used so far (cumulative: a window's cost is end − start),
    /// so a trial can count the database's work for its requests; null where the harness cannot see it.
    /// </summary>
    Task<double?> CpuSecondsAsync(CancellationToken ct = default);
    /// <summary>The server's processes on this machine, for the machine-noise figures; null when unknown (a server given with --database-url).</summary>
    Task<Processes.ProcessGroup?> ProcessesAsync(CancellationToken ct = default) => Task.FromResult<Processes.ProcessGroup?>(null);

    /// <summary>
    /// Null while the server answers a query; otherwise what is wrong with it, in words that complete "the database ...":
    /// "exited (killed by SIGKILL)", "does not answer a query (...)".
    /// </summary>
    Task<string?> FaultAsync(CancellationToken ct = default) => PostgresProbe.FaultAsync(ConnectionString, ct);

    /// <summary>
    /// Starts the server again after <paramref name="fault"/>, at the same address with the same data, so targets
    /// started afterwards find it where they were told. A server bench did not start (--database-url) cannot be:
    /// <see cref="Core.RunAbortedException"/>.
    /// </summary>
    Task RestartAsync(string fault, CancellationToken ct = default) => Task.FromException(new Core.RunAbortedException(
        $"the database at --database-url {fault}; bench does not start a server it was given, so the run cannot go on: start it again, then resume the run."));
}

/// <summary>Whether a server still answers: one query over a connection of its own, no pool (a pooled connection may be a dead one).</summary>
public static class PostgresProbe
{
    public static async Task<string?> FaultAsync(string connectionString, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5, CommandTimeout = 5 }.ConnectionString;
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            return $"does not answer a query ({e.Message})";
        }
    }
}

/// <summary>An existing server given with --database-url: used as it is, left as it was found (but seeded).</summary>
public sealed class ExternalPostgres(string url) : IPostgresServer
{
    public string Url { get; } = url;
    public string ConnectionString { get; } = PostgresUrl.ToConnectionString(url);
    /// <summary>Another machine's, or another user's, server: its CPU time is not ours to read.</summary>
    public Task<double?> CpuSecondsAsync(CancellationToken ct = default) => Task.FromResult<double?>(null);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Converts between the URL form the targets take and Npgsql's keyword form.</summary>
public static class PostgresUrl
{
    /// <summary>The application_name of every session the harness opens; the targets' sessions are the others.</summary>
    public const string HarnessApplicationName = "bench-harness";

    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "postgres" && uri.Scheme != "postgresql"))
            throw new Core.BenchException($"--database-url '{url}' is not a postgres:// URL; expected postgres://user:password@host:port/database.");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
            // the harness's own sessions are told from the targets' by name (pg_stat_activity.application_name)
            ApplicationName = HarnessApplicationName,
        };
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ConnectionString;
    }

    public static string FromParts(string host, int port, string user, string password, string database) =>
        $"postgres://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}:{port}/{Uri.EscapeDataString(database)}";
}

/// <summary>The end of start-up shared by the servers the harness launches (embedded, or in a container).</summary>
public static class PostgresStartup
{
    /// <summary>
    /// Waits until the server accepts connections, then creates the database the targets use. Throws with
    /// the server's own output when it exits first, or does not answer within <paramref name="timeout"/>.
    /// </summary>
    /// <param name="what">the server as named in messages, e.g. "the embedded PostgreSQL"</param>
    /// <param name="exitCode">null while the server runs</param>
    /// <param name="create">false: the database exists already (a restarted server); wait until it answers a query</param>
    public static async Task CreateDatabaseWhenReadyAsync(string connectionString, string database, TimeSpan timeout,
        string what, Func<int?> exitCode, Func<string> output, CancellationToken ct, bool create = true)
    {
        var deadline = DateTime.UtcNow + timeout;
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Database = create ? "postgres" : database, Pooling = false, Timeout = 5 }.ConnectionString;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (exitCode() is { } code)
                throw new Core.BenchException($"{what} exited during start-up (exit code {code}):{Environment.NewLine}{output()}");
            try
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync(ct);
                await using var cmd = new NpgsqlCommand(create ? $"CREATE DATABASE {database}" : "SELECT 1", conn);
                await cmd.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new Core.BenchException(
                    $"{what} did not accept connections within {timeout.TotalSeconds:0} s ({e.Message}):{Environment.NewLine}{output()}", e);
            }
        }
    }
}
