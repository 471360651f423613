using Npgsql;

namespace Bench.Runtime.Database;

/// <summary>
/// Creates and fills the two tables of the contract (targets/CONTRACT.md): world (TechEmpower's) and users.
/// Idempotent: an existing, complete schema is left alone so a user's --database-url server is seeded once.
/// </summary>
public static class Seeder
{
    public const int WorldRows = 10_000, UserRows = 10_000;

    public static async Task SeedAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        if (await IsSeededAsync(conn, ct)) return;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, $"""
            DROP TABLE IF EXISTS world;
            DROP TABLE IF EXISTS users;
            CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);
            INSERT INTO world SELECT i, 1 + floor(random() * 10000)::int FROM generate_series(1, {WorldRows}) AS i;
            CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL);
            INSERT INTO users SELECT i, 'User ' || i, 'user' || i || '@example.com' FROM generate_series(1, {UserRows}) AS i;
            """, ct);
        await tx.CommitAsync(ct);
        // Fresh statistics so the planner uses the primary keys from the first query on.
        await ExecAsync(conn, "ANALYZE world; ANALYZE users;", ct);
    }

    private static async Task<bool> IsSeededAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('world') IS NOT NULL AND to_regclass('users') IS NOT NULL", conn))
            if (await exists.ExecuteScalarAsync(ct) is not true) return false;
        await using var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM world) = @w AND (SELECT count(*) FROM users) = @u", conn);
        cmd.Parameters.AddWithValue("w", (long)WorldRows);
        cmd.Parameters.AddWithValue("u", (long)UserRows);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
