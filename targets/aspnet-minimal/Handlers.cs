using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AspNetMinimal;

static class Handlers
{
    public static IResult ProcessOrder(Order order)
    {
        // System.Text.Json checks nullability of properties, not of collection elements.
        if (order.Items.Contains(null!))
            return Errors.Result(StatusCodes.Status400BadRequest, "items must be objects, not null");
        double total = 0;
        foreach (var item in order.Items) total += item.Qty * item.UnitPrice; // input order, as the contract sums
        var maxUnitPrice = order.Items.Count == 0 ? 0 : order.Items.Max(i => i.UnitPrice);
        // OrderByDescending is a stable sort: equal prices keep their input order.
        var sorted = order.Items.OrderByDescending(i => i.UnitPrice).ToList();
        return TypedResults.Ok(new ProcessedOrder(order.Id, order.Customer, sorted, total, order.Items.Count, maxUnitPrice));
    }

    // Claims are present and typed: Auth.RequireContractClaims refused the token otherwise.
    public static TokenClaims Claims(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub")!,
        user.FindFirstValue("name")!,
        long.Parse(user.FindFirstValue("iat")!, CultureInfo.InvariantCulture),
        long.Parse(user.FindFirstValue("exp")!, CultureInfo.InvariantCulture));

    // The database may be unconfigured (no DATABASE_URL): the data source is then not registered.
    public static async Task<IResult> SingleQuery([FromServices] NpgsqlDataSource? db, CancellationToken ct)
    {
        if (db is null) return Errors.NoDatabase;
        await using var connection = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await RandomWorld(connection, ct));
    }

    public static async Task<IResult> MultipleQueries(string? n, [FromServices] NpgsqlDataSource? db, CancellationToken ct)
    {
        if (db is null) return Errors.NoDatabase;
        var count = ClampedInt(n, 1, 500, fallback: 1);
        var worlds = new List<World>(count);
        // One pooled connection for the request; the queries run one after another on it.
        await using var connection = await db.OpenConnectionAsync(ct);
        for (var i = 0; i < count; i++) worlds.Add(await RandomWorld(connection, ct));
        return TypedResults.Ok(worlds);
    }

    public static async Task<IResult> Profile(ClaimsPrincipal user, [FromServices] NpgsqlDataSource? db, CancellationToken ct)
    {
        if (db is null) return Errors.NoDatabase;
        if (!int.TryParse(user.FindFirstValue("sub"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Errors.Result(StatusCodes.Status404NotFound, "sub is not a user id");
        await using var command = db.CreateCommand("SELECT id, name, email FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return Errors.Result(StatusCodes.Status404NotFound, "no such user");
        return TypedResults.Ok(new UserProfile(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
    }

    public static IResult Cpu(string? n)
    {
        if (!int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > 10_000_000)
            return Errors.Result(StatusCodes.Status400BadRequest, "n must be an integer from 1 to 10000000");
        var (count, sum) = Primes.CountAndSumBelow(limit);
        return TypedResults.Ok(new CpuResult(limit, count, sum));
    }

    public static async Task<IoResult> Io(string? ms, CancellationToken ct)
    {
        var wait = ClampedInt(ms, 0, 10_000, fallback: 0);
        await Task.Delay(wait, ct); // a timer, no thread held
        return new IoResult(wait);
    }

    public static async Task<IResult> Health([FromServices] NpgsqlDataSource? db, CancellationToken ct)
    {
        if (db is null) return Errors.NoDatabase;
        try
        {
            await using var command = db.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
        }
        catch (DbException)
        {
            return Errors.Result(StatusCodes.Status503ServiceUnavailable, "database unavailable");
        }
        return TypedResults.Ok(new HealthStatus("ok"));
    }

    static async Task<World> RandomWorld(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, randomnumber FROM world WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Random.Shared.Next(1, 10_001) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new World(reader.GetInt32(0), reader.GetInt32(1));
    }

    // TechEmpower's rule: an integer is clamped into range; missing or not an integer is the fallback.
    static int ClampedInt(string? raw, int min, int max, int fallback) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, min, max)
            : fallback;
}
