using System.Globalization;

namespace Bench.Report.Document;

/// <summary>Numbers as the report prints them: culture-invariant, digits the figure can stand behind.</summary>
internal static class Text
{
    public const string None = "–";

    /// <summary>1,234,567 / 123 / 12.3 / 1.23 / 0.123: three significant figures at most below 100.</summary>
    public static string N(double? v) => v switch
    {
        null => None,
        { } x when double.IsPositiveInfinity(x) => "∞",
        { } x when Math.Abs(x) >= 100 => x.ToString("#,0", CultureInfo.InvariantCulture),
        { } x when Math.Abs(x) >= 10 => x.ToString("0.#", CultureInfo.InvariantCulture),
        { } x when Math.Abs(x) >= 1 => x.ToString("0.##", CultureInfo.InvariantCulture),
        { } x => x.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Ms(double? us) => us is null ? None : $"{N(us / 1000)} ms";

    public static string MiB(double? bytes) => bytes is null ? None : $"{N(bytes / (1024.0 * 1024))} MiB";

    public static string Utc(DateTime? t) => t is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : None;

    public static string Range(IReadOnlyCollection<double> values) =>
        values.Count == 0 ? None : values.Count == 1 ? N(values.First()) : $"{N(values.Min())} – {N(values.Max())}";

    /// <summary>An enum as results.json spells it (its JSON name: "cgroup v2", "exec → first 200 (local)", "engine").</summary>
    public static string Json<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var member = typeof(T).GetField(name);
        return member?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
            ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name); // results.json's enum converter is camelCase
    }
}
