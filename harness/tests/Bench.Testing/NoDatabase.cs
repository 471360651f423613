using Bench.Runtime.Database;

namespace Bench.Testing;

/// <summary>
/// The database of a run whose fake targets query none: nothing is started, the URL the targets get leads nowhere,
/// and it is never at fault (a run asks its database after every trial whether it still answers).
/// </summary>
public sealed class NoDatabase : IPostgresServer
{
    public string Url => "postgres://unused@127.0.0.1:1/unused";
    public string ConnectionString => PostgresUrl.ToConnectionString(Url);
    public Task<double?> CpuSecondsAsync(CancellationToken ct = default) => Task.FromResult<double?>(null);
    public Task<string?> FaultAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
