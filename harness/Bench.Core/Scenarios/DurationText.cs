using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Core.Scenarios;

/// <summary>Durations as people write them on command lines and in YAML: 500ms, 10s, 2m, 1.5s.</summary>
public static partial class DurationText
{
    public static TimeSpan Parse(string text, string what) =>
        TryParse(text, out var value) ? value : throw new BenchException($"{what}: '{text}' is not a duration; write it like 500ms, 10s or 2m.");

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return false;
        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        value = m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.FromSeconds(number),
        };
        return true;
    }

    public static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 && t.TotalSeconds == Math.Floor(t.TotalSeconds) ? $"{t.TotalSeconds:0}s" : $"{t.TotalMilliseconds:0}ms";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)?$")]
    private static partial Regex Pattern();
}
