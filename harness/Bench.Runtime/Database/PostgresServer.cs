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
}

/// <summary>An existing server given with --database-url: used as it is, left as it was found (but seeded).</summary>
public sealed class ExternalPostgres(string url) : IPostgresServer
{
    public string Url { get; } = url;
    public string ConnectionString { get; } = PostgresUrl.ToConnectionString(url);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Converts between the URL form the targets take and Npgsql's keyword form.</summary>
public static class PostgresUrl
{
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
        };
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ConnectionString;
    }

    public static string FromParts(string host, int port, string user, string password, string database) =>
        $"postgres://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}:{port}/{Uri.EscapeDataString(database)}";
}
