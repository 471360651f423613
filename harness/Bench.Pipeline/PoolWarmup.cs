using Bench.Load;
using Bench.Runtime.Database;
using Npgsql;

namespace Bench.Pipeline;

/// <summary>
/// Opens a fresh target's database pool before a database scenario's warmup and window. Every target opens its
/// pool on demand (pgx, node-postgres, Npgsql, asyncpg with min_size=0; HikariCP at start-up): under 64
/// connections the first requests wait while up to DB_POOL_SIZE PostgreSQL backends fork, authenticate (SCRAM)
/// and fill their catalog caches, on the core the target shares with the database. Measured 2026-12-02, the
/// first second of /db load: 190–683 requests where 1,100–7,000 follow, p99 0.7–0.9 s, for every target. A
/// --quick window (0.2 s warmup, 0.3 s) lay wholly inside it: aspnet-minimal /db 153–640 req/s (steady
/// 2.7–4.2k), python-fastapi 7–37, once a trial with no answer at all. The pool's opening is not the scenario's
/// steady state, so it is kept out of the window: the scenario's own requests run, a round of one per
/// connection at a time, until PostgreSQL holds DB_POOL_SIZE sessions besides the harness's own, or their count
/// has grown and then stayed for <see cref="Settled"/> (or not moved for a second), <see cref="Longest"/> at
/// most. Its length is the trial's <c>poolWarmupSeconds</c>: the cold cost stays visible.
/// </summary>
public static class PoolWarmup
{
    public static readonly TimeSpan Settled = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The time the pool took to open under <paramref name="load"/> (zero when it already was), and the sessions
    /// PostgreSQL then held besides the harness's own (the target's, on a server given only to this run).
    /// </summary>
    public static async Task<(TimeSpan Took, int Sessions)> RunAsync(LoadSpec load, string connectionString, int poolSize, CancellationToken ct)
    {
        // One connection, kept for the counts: opening one per count would fork a backend on the target's core each time.
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5, CommandTimeout = 5 }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var count = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' " +
            "AND application_name IS DISTINCT FROM $1", conn);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostgresUrl.HarnessApplicationName });
        var sessions = (int)(await count.ExecuteScalarAsync(ct))!;
        if (sessions >= poolSize) return (TimeSpan.Zero, sessions);

        // Rounds of one request per connection, each ending when every request has its answer: a run cut off
        // mid-flight would leave the target cancelling queries (Npgsql sends PostgreSQL a cancel request for each,
        // and aspnet-minimal once answered nothing for the next second), which is no state to measure from either.
        var started = DateTime.UtcNow;
        var (initial, grew) = (sessions, started);
        while (DateTime.UtcNow - started < Longest)
        {
            var round = await LoadEngine.RunAsync(load with { Warmup = TimeSpan.Zero, MaxRequests = load.Connections, Duration = Longest }, null, ct);
            if (round.Cancelled) ct.ThrowIfCancellationRequested();
            var now = (int)(await count.ExecuteScalarAsync(ct))!;
            if (now > sessions) { sessions = now; grew = DateTime.UtcNow; }
            // Settled: grown and then still, or not moving at all for a second (a pool capped below the size given).
            var still = DateTime.UtcNow - grew >= Settled && (sessions > initial || DateTime.UtcNow - started >= TimeSpan.FromSeconds(1));
            if (sessions >= poolSize || still) break;
        }
        return (DateTime.UtcNow - started, sessions);
    }
}
