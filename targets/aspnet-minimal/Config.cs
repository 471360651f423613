using Npgsql;

namespace AspNetMinimal;

static class Config
{
    public static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    /// <summary>
    /// Npgsql takes key=value connection strings, the contract gives a postgres:// URL.
    /// Everything else stays at Npgsql's defaults (see README).
    /// </summary>
    public static string NpgsqlConnectionString(string url, int poolSize)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.IdnHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
            MaxPoolSize = poolSize,
        };
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        if (query["sslmode"] is { } sslMode) builder.SslMode = Enum.Parse<SslMode>(sslMode.Replace("-", ""), ignoreCase: true);
        return builder.ConnectionString;
    }
}
