using System.Net.Http.Headers;
using System.Text;
using Bench.Conformance.Jwt;
using Npgsql;

namespace Bench.Conformance.Checks;

/// <summary>What a check works with: the target's address, the JWT key it was given and the database it uses.</summary>
public sealed class CheckContext(Uri baseUri, string jwtSecret, string databaseConnectionString) : IDisposable
{
    // A fresh connection per request would hide keep-alive bugs; the pooled handler reuses them as clients do.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Uri BaseUri { get; } = baseUri;
    public TokenFactory Tokens { get; } = new(jwtSecret);
    public NpgsqlDataSource Database { get; } = NpgsqlDataSource.Create(databaseConnectionString);

    public Task<Reply> GetAsync(string path, string? bearer = null, string? authorization = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), bearer, authorization);

    public Task<Reply> PostAsync(string path, string body, string contentType = "application/json") =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType);

    public Task<Reply> PostAsync(string path, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    private async Task<Reply> SendAsync(HttpRequestMessage request, string? bearer = null, string? authorization = null)
    {
        using (request)
        {
            if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new Reply(request.Method + " " + request.RequestUri, response, body);
        }
    }

    public async Task<T> QueryScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Database.CreateCommand(sql);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var cmd = Database.CreateCommand(sql);
        foreach (var arg in args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        Database.Dispose();
    }
}
