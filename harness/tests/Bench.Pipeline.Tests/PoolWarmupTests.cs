using Bench.Core.Targets;
using Bench.Load;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;

namespace Bench.Pipeline.Tests;

/// <summary>
/// The pool warmup against a real target (go-nethttp, pgx opening its pool on demand) and the embedded database:
/// it ends when PostgreSQL holds the pool the target was given, costs nothing once the pool is open, and gives up
/// after a second on a load that never opens one. Asserts session counts, never speed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PoolWarmupTests : IAsyncLifetime
{
    private TargetManifest _target = null!;
    private IPostgresServer _db = null!;

    public async Task InitializeAsync()
    {
        _target = TargetCatalog.Load().Get("go-nethttp");
        await TargetBuilder.BuildAsync(_target);
        _db = await DatabaseProvisioner.StartAsync(null);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IRunningTarget> StartAsync(LocalRuntime runtime, int poolSize) => await runtime.StartAsync(new TargetLaunch
    {
        Target = _target, DatabaseUrl = _db.Url, JwtSecret = Secrets.NewJwtSecret(), DbPoolSize = poolSize,
    });

    private static LoadSpec Load(IRunningTarget target, string path) => new()
    {
        Target = new Uri(target.BaseUri, path), Connections = 32, Workers = 1, RequestTimeout = TimeSpan.FromSeconds(5),
    };

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public async Task The_warmup_ends_with_the_pool_open_and_costs_nothing_once_it_is(int poolSize)
    {
        await using var runtime = new LocalRuntime();
        await using var target = await StartAsync(runtime, poolSize);

        var first = await PoolWarmup.RunAsync(Load(target, "db"), _db.ConnectionString, poolSize, CancellationToken.None);
        // pgx opened connections on demand (/healthz took one); 32 connections of /db need the whole pool, no more
        Assert.Equal(poolSize, first.Sessions);
        Assert.True(first.Took > TimeSpan.Zero && first.Took < PoolWarmup.Longest, $"took {first.Took}");

        var again = await PoolWarmup.RunAsync(Load(target, "db"), _db.ConnectionString, poolSize, CancellationToken.None);
        Assert.Equal((TimeSpan.Zero, poolSize), again);
    }

    [Fact]
    public async Task A_load_that_opens_no_pool_is_given_up_on_after_a_second_not_run_to_the_limit()
    {
        await using var runtime = new LocalRuntime();
        await using var target = await StartAsync(runtime, 16);

        // /plaintext never touches the database: the count stays at what /healthz opened
        var (took, sessions) = await PoolWarmup.RunAsync(Load(target, "plaintext"), _db.ConnectionString, 16, CancellationToken.None);
        Assert.InRange(sessions, 1, 2);
        Assert.InRange(took.TotalSeconds, 1, 3); // a second without growth, plus the last round and its count
    }
}
