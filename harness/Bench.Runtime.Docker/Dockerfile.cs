using System.Text.Json;

namespace Bench.Runtime.Docker;

/// <summary>
/// The few things the harness reads from a Dockerfile: the images it starts FROM, and the context paths its
/// COPY / ADD lines name (the build context holds exactly those). Wildcards are not supported.
/// </summary>
internal sealed record DockerfileInfo(IReadOnlyList<string> BaseImages, IReadOnlyList<string> Sources)
{
    public static DockerfileInfo Parse(string text)
    {
        var from = new List<string>();
        var sources = new List<string>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in LogicalLines(text))
        {
            var space = line.IndexOfAny([' ', '\t']);
            if (space < 0) continue;
            var keyword = line[..space].ToUpperInvariant();
            var rest = line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = Words(rest).Where(w => !w.StartsWith("--")).ToList();
                if (words.Count == 0) continue;
                // FROM an earlier stage is not an image to look up.
                if (!stages.Contains(words[0])) from.Add(words[0]);
                if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(words[2]);
            }
            else if (keyword is "COPY" or "ADD")
            {
                var flags = new List<string>();
                while (rest.StartsWith("--", StringComparison.Ordinal))
                {
                    var end = rest.IndexOfAny([' ', '\t']);
                    flags.Add(end < 0 ? rest : rest[..end]);
                    rest = end < 0 ? "" : rest[end..].TrimStart();
                }
                if (flags.Any(f => f.StartsWith("--from", StringComparison.OrdinalIgnoreCase))) continue;
                var args = rest.StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(rest) ?? [] : Words(rest);
                if (args.Count < 2) throw new Core.BenchException($"'{line}' has no source or no destination.");
                foreach (var source in args.Take(args.Count - 1))
                {
                    if (source.IndexOfAny(['*', '?', '[']) >= 0)
                        throw new Core.BenchException($"'{line}': wildcards are not supported in a Dockerfile.local; name each file or folder.");
                    sources.Add(source);
                }
            }
        }
        return new DockerfileInfo(from, sources.Distinct().ToList());
    }

    /// <summary>Instructions with their continuation lines joined and comments dropped.</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = "";
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            if (current.Trim().Length > 0) yield return current.Trim();
            current = "";
        }
        if (current.Trim().Length > 0) yield return current.Trim();
    }

    private static List<string> Words(string s) => [.. s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
}
