using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Load;

/// <summary>Durations as people type them: "10s", "500ms", "2m", "1m30s", "1.5s"; a bare number means seconds.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^\s*(?:(?<n>\d+(?:\.\d+)?)(?<u>ms|us|µs|s|m|h)?)+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        var numbers = match.Groups["n"].Captures;
        var units = match.Groups["u"].Captures;
        if (numbers.Count > 1 && units.Count != numbers.Count) return false; // "1m30" is ambiguous
        double seconds = 0;
        for (var i = 0; i < numbers.Count; i++)
        {
            var n = double.Parse(numbers[i].Value, CultureInfo.InvariantCulture);
            var unit = units.Count > i ? units[i].Value : "s";
            seconds += unit switch
            {
                "us" or "µs" => n / 1e6,
                "ms" => n / 1e3,
                "m" => n * 60,
                "h" => n * 3600,
                _ => n,
            };
        }
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Short human form: 10s, 1.5s, 250ms, 2m.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalSeconds >= 120 && t.TotalSeconds % 60 == 0 ? $"{t.TotalMinutes:0}m"
        : t.TotalSeconds >= 1 ? $"{t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s"
        : $"{t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
}
