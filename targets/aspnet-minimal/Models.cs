using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspNetMinimal;

public sealed record Greeting(string Message);
public sealed record ErrorBody(string Error);
public sealed record World(int Id, int RandomNumber);
public sealed record UserProfile(int Id, string Name, string Email);
public sealed record TokenClaims(string Sub, string Name, long Iat, long Exp);
public sealed record CpuResult(int N, int Count, long Sum);
public sealed record IoResult(int WaitedMs);
public sealed record HealthStatus(string Status);

// Qty is unsigned: the contract's "integer >= 0", so a negative quantity is the wrong type (400).
public sealed record OrderItem(string Sku, ulong Qty, double UnitPrice);
public sealed record Order(long Id, string Customer, List<OrderItem> Items);
public sealed record ProcessedOrder(
    long Id, string Customer, IEnumerable<OrderItem> Items, double Total, int ItemCount, double MaxUnitPrice);

/// <summary>Source-generated (de)serialisers, put first in the HTTP JSON options' resolver chain.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(World))]
[JsonSerializable(typeof(List<World>))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(TokenClaims))]
[JsonSerializable(typeof(CpuResult))]
[JsonSerializable(typeof(IoResult))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(ProcessedOrder))]
internal partial class AppJsonContext : JsonSerializerContext
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, Default);
        // Web defaults accept "17" for a number; the contract calls that the wrong type (400).
        options.NumberHandling = JsonNumberHandling.Strict;
        // A missing field or a null where the type is not nullable is the wrong shape (400).
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
    }
}
