using System.Text.Json.Nodes;
using Bench.Conformance.Checks;
using Bench.Conformance.Jwt;
using Bench.Core.Targets;
using Bench.Runtime.Targets;
using Bench.Testing;
using Npgsql;

namespace Bench.Conformance.Tests;

/// <summary>
/// The suite's teeth: a target that skips the JWT signature check or serves cached rows must fail the
/// matching checks. Each cheat is emulated by a proxy in front of a real, conforming target.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SuiteCatchesCheatsTests(DatabaseFixture db)
{
    // The fastest-starting target; any conforming target would do, the proxy supplies the cheat.
    private const string RealTarget = "node-fastify";

    [Fact]
    public async Task Skipping_the_jwt_signature_check_fails_the_refusal_checks()
    {
        await using var env = await StartAsync();
        var tokens = new TokenFactory(env.Secret);
        // Emulates a target that decodes the payload and trusts it: whatever arrives is re-signed before the
        // real target sees it, so only the signature (and algorithm) check is skipped; exp/nbf still apply.
        await using var proxy = new MutantProxy(env.Target.BaseUri, rewrite: (request, forward) =>
        {
            var auth = request.Headers["Authorization"];
            if (auth?.StartsWith("Bearer ") == true && auth.Split('.') is { Length: 3 } parts)
            {
                try
                {
                    var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!.AsObject();
                    forward.Headers.Remove("Authorization");
                    forward.Headers.TryAddWithoutValidation("Authorization", "Bearer " + tokens.Sign(payload));
                }
                catch (Exception) { /* not a JWT payload: pass it on unchanged */ }
            }
            return Task.CompletedTask;
        });

        var results = await RunAsync(proxy.BaseUri, env.Secret);

        Assert.Contains("alg none", Failure(results, "jwt-refusals"));
        Assert.Contains("alg none", Failure(results, "profile-refusals"));
        Assert.Null(Failure(results, "jwt")); // valid tokens still work: only the cheat is caught
    }

    [Fact]
    public async Task Serving_one_cached_row_fails_the_db_check()
    {
        await using var env = await StartAsync();
        string? cached = null;
        await using var proxy = new MutantProxy(env.Target.BaseUri, intercept: async request =>
        {
            if (request.Url!.AbsolutePath != "/db") return null;
            if (cached is null)
            {
                using var http = new HttpClient();
                cached = await http.GetStringAsync(new Uri(env.Target.BaseUri, "db"));
            }
            return (200, cached);
        });

        var results = await RunAsync(proxy.BaseUri, env.Secret);

        Assert.Contains("distinct ids", Failure(results, "db"));
    }

    [Fact]
    public async Task Serving_rows_preloaded_at_startup_fails_the_db_check()
    {
        await using var env = await StartAsync();
        // The classic cheat: read the whole table once, then answer from memory.
        var table = new Dictionary<int, int>();
        await using (var conn = new NpgsqlConnection(db.Server.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT id, randomnumber FROM world", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) table[reader.GetInt32(0)] = reader.GetInt32(1);
        }
        await using var proxy = new MutantProxy(env.Target.BaseUri, intercept: request =>
        {
            if (request.Url!.AbsolutePath != "/db") return Task.FromResult<(int, string)?>(null);
            var id = Random.Shared.Next(1, 10_001);
            return Task.FromResult<(int, string)?>((200, $"{{\"id\":{id},\"randomNumber\":{table[id]}}}"));
        });

        var results = await RunAsync(proxy.BaseUri, env.Secret);

        Assert.Contains("cached or invented row", Failure(results, "db"));
        Assert.Null(Failure(results, "queries")); // the proxy only touched /db
    }

    private static string? Failure(IReadOnlyList<CheckResult> results, string id) => results.Single(r => r.Check.Id == id).Failure;

    private async Task<IReadOnlyList<CheckResult>> RunAsync(Uri baseUri, string secret)
    {
        using var context = new CheckContext(baseUri, secret, db.Server.ConnectionString);
        return await ConformanceSuite.RunAsync(context);
    }

    private static string Pad(string b64Url)
    {
        var s = b64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }

    private async Task<RunningEnv> StartAsync()
    {
        var target = TargetCatalog.Load().Get(RealTarget);
        await TargetBuilder.BuildAsync(target);
        var launch = new TargetLaunch { Target = target, DatabaseUrl = db.Server.Url, JwtSecret = Secrets.NewJwtSecret() };
        var runtime = new LocalRuntime();
        return new RunningEnv(await runtime.StartAsync(launch), launch.JwtSecret);
    }

    private sealed record RunningEnv(IRunningTarget Target, string Secret) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Target.DisposeAsync();
    }
}
