using System.Globalization;
using Bench.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Core.Yaml;

/// <summary>
/// The one way bench reads its YAML files (scenarios, claims, target manifests): YamlDotNet's node model keeps
/// every node's position, so every problem (invalid YAML, an unknown key, a wrong type, a value out of range, a
/// name that does not exist) is one line "file:line:column: field: problem", however deep the field sits.
/// Typed deserialisation would lose the position of a value once it is read; checking ranges and names needs it.
/// </summary>
public sealed class YamlReader
{
    private YamlReader(string file) => File = file;

    /// <summary>The file as named in messages.</summary>
    public string File { get; }

    /// <summary>Reads <paramref name="path"/>; <paramref name="missing"/> is the message when it does not exist.</summary>
    public static (YamlReader Reader, YamlNode Root) Load(string path, Func<string, string> missing)
    {
        if (!System.IO.File.Exists(path)) throw new BenchException(missing(path));
        string text;
        try { text = System.IO.File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"{path}: cannot be read ({e.Message}).", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses <paramref name="yaml"/> (named <paramref name="file"/> in messages): its first document's root.</summary>
    public static (YamlReader Reader, YamlNode Root) Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // YamlDotNet's message repeats the position it also carries: say it once, compiler-style.
            var message = (e.InnerException as YamlException)?.Message ?? e.Message;
            throw new BenchException($"{file}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {StripPosition(message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet throws this bare when the file ends inside an unclosed flow list ("toolchain: [cargo"):
            // the last event it parsed is where the file stops making sense.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new BenchException($"{file}:{at.Line}:{at.Column}: invalid YAML: an unclosed [ ] or {{ }} runs to the end of the file.", e);
        }
        var reader = new YamlReader(file);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new BenchException($"{file}:1:1: the file is empty.");
        return (reader, stream.Documents[0].RootNode);
    }

    private static string StripPosition(string message)
    {
        // "(Line: 4, Col: 12, Idx: 40) - (Line: 4, Col: 12, Idx: 40): While scanning ..." → "While scanning ..."
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }

    public BenchException Error(YamlNode node, string field, string problem) =>
        new($"{File}:{node.Start.Line}:{node.Start.Column}: {field}: {problem}");

    public YamlMappingNode Mapping(YamlNode node, string field, IReadOnlyCollection<string>? allowed)
    {
        if (node is not YamlMappingNode map) throw Error(node, field, "must be a mapping (key: value lines).");
        if (allowed is not null)
            foreach (var key in map.Children.Keys)
            {
                var name = Scalar(key, field);
                if (!allowed.Contains(name))
                    throw Error(key, field, $"unknown key '{name}'; allowed: {string.Join(", ", allowed)}.");
            }
        return map;
    }

    public IEnumerable<YamlNode> Sequence(YamlNode node, string field) =>
        node is YamlSequenceNode seq ? seq.Children : throw Error(node, field, "must be a list.");

    /// <summary>The value under <paramref name="key"/>, or null when the key is absent or its value is null (`key:` or `key: ~`).</summary>
    public static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    public YamlNode Required(YamlMappingNode map, YamlNode owner, string key, string at) =>
        Optional(map, key) ?? throw Error(owner, at, $"'{key}' is required.");

    public string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Error(node, field, "must be a single value, not a list or mapping.");

    public string Text(YamlNode node, string field)
    {
        var value = Scalar(node, field);
        return string.IsNullOrWhiteSpace(value) ? throw Error(node, field, "must not be empty.") : value;
    }

    public IReadOnlyList<string> Names(YamlNode node, string field) =>
        Sequence(node, field).Select((n, i) => Text(n, $"{field}[{i}]")).ToList();

    /// <summary>A mapping of names to texts (an environment).</summary>
    public IReadOnlyDictionary<string, string> TextMap(YamlNode node, string field) =>
        Mapping(node, field, null).Children.ToDictionary(kv => Text(kv.Key, field), kv => Scalar(kv.Value, $"{field}.{kv.Key}"));

    public double Number(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw Error(node, field, $"'{text}' is not a number.");
    }

    public double Positive(YamlNode node, string field)
    {
        var v = Number(node, field);
        return v > 0 ? v : throw Error(node, field, $"must be positive (got {Scalar(node, field)}).");
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Integer(YamlNode node, string field, int min = 1, int max = int.MaxValue)
    {
        var text = Scalar(node, field);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw Error(node, field, max == int.MaxValue ? $"'{text}' is not a whole number ≥ {min}." : $"'{text}' is not a whole number in {min}..{max}.");
        if (v < min || v > max)
            throw Error(node, field, max == int.MaxValue ? $"'{text}' is not a whole number ≥ {min}." : $"must be {min}..{max} (got {v}).");
        return v;
    }

    public bool Bool(YamlNode node, string field) => Scalar(node, field) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Error(node, field, $"'{other}' is not true or false."),
    };

    /// <summary>A duration as people write them (500ms, 10s, 2m); <paramref name="positive"/> refuses 0.</summary>
    public TimeSpan Duration(YamlNode node, string field, bool positive = false)
    {
        var text = Scalar(node, field);
        if (!DurationText.TryParse(text, out var value)) throw Error(node, field, $"'{text}' is not a duration; write it like 500ms, 10s or 2m.");
        return positive && value <= TimeSpan.Zero ? throw Error(node, field, $"must be positive (got {text}).") : value;
    }

    /// <summary>One of <paramref name="allowed"/>, as written.</summary>
    public string OneOf(YamlNode node, string field, params string[] allowed)
    {
        var value = Scalar(node, field);
        return allowed.Contains(value) ? value : throw Error(node, field, $"must be {Alternatives(allowed)}, not '{value}'.");
    }

    private static string Alternatives(string[] values) =>
        values.Length == 1 ? $"'{values[0]}'" : string.Join(", ", values[..^1].Select(v => $"'{v}'")) + $" or '{values[^1]}'";
}
