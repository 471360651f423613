namespace Bench.Runtime.Resources;

/// <summary>
/// The kernel's flat keyed files, one "key value" pair a line: a cgroup's memory.stat and cpu.stat (both
/// versions). One parser for all of them, so memory, CPU and throttling readers agree on the format.
/// </summary>
public static class KeyedFile
{
    /// <summary>Every key and its value; a line that is not "key integer" is skipped.</summary>
    public static Dictionary<string, long> Read(string path) => Parse(File.ReadAllText(path));

    public static Dictionary<string, long> Parse(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var space = line.IndexOf(' ');
            if (space > 0 && long.TryParse(line[(space + 1)..].Trim(), out var value)) values[line[..space].ToString()] = value;
        }
        return values;
    }
}
