using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Core.Claims;

/// <summary>
/// Reads claims/claims.yaml (format: claims/README.md). The catalog's own shape is validated here: unknown keys,
/// wrong types, unknown metrics or rules, missing fields each fail with one message naming file:line:column and
/// the field. Whether the scenarios and targets it names exist is checked when a run plans them, not here.
/// </summary>
public static class ClaimCatalogLoader
{
    public static string DefaultPath => Path.Combine(RepoPaths.Root, "claims", "claims.yaml");

    public static ClaimCatalog Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) throw new BenchException($"no claims catalog at {path}: give the path of a claims YAML file (format: claims/README.md).");
        return Parse(File.ReadAllText(path), path);
    }

    public static ClaimCatalog Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new BenchException($"{file}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}", e);
        }
        if (stream.Documents.Count == 0) throw new BenchException($"{file}: the catalog is empty; it needs 'sources' and 'claims' (format: claims/README.md).");
        return new Reader(file).Catalog(stream.Documents[0].RootNode);
    }

    /// <summary>Walks the YAML nodes keeping each one's position, so every message can point at the line.</summary>
    private sealed class Reader(string file)
    {
        private BenchException Error(YamlNode node, string field, string problem) =>
            new($"{file}:{node.Start.Line}:{node.Start.Column}: {field}: {problem}");

        public ClaimCatalog Catalog(YamlNode root)
        {
            var map = Mapping(root, "(top level)", ["sources", "companions", "claims"]);
            var sources = Mapping(Required(map, root, "sources", "(top level)"), "sources", null)
                .Children.ToDictionary(kv => Scalar(kv.Key, "sources"), kv => Text(kv.Value, $"sources.{kv.Key}"));
            var companions = new Dictionary<string, IReadOnlyList<string>>();
            if (Optional(map, "companions") is { } companionsNode)
                foreach (var (key, value) in Mapping(companionsNode, "companions", null).Children)
                    companions[Scalar(key, "companions")] = Names(value, $"companions.{key}");

            var claimsNode = Required(map, root, "claims", "(top level)");
            var claims = Sequence(claimsNode, "claims").Select((node, i) => Claim(node, $"claims[{i}]", sources)).ToList();
            if (claims.Count == 0) throw Error(claimsNode, "claims", "lists no claim.");
            return new ClaimCatalog { Claims = claims, Companions = companions };
        }

        private readonly HashSet<string> _ids = [];

        private Claim Claim(YamlNode node, string at, IReadOnlyDictionary<string, string> sources)
        {
            var map = Mapping(node, at, ["id", "source", "quote", "parts"]);
            var idNode = Required(map, node, "id", at);
            var id = Text(idNode, $"{at}.id");
            at = $"{at} '{id}'";
            if (!_ids.Add(id)) throw Error(idNode, $"{at}.id", $"'{id}' is used twice; ids must be unique.");
            var sourceNode = Required(map, node, "source", at);
            var source = Text(sourceNode, $"{at}.source");
            if (!sources.TryGetValue(source, out var title))
                throw Error(sourceNode, $"{at}.source", $"'{source}' is not one of the sources ({string.Join(", ", sources.Keys)}).");
            var quote = Text(Required(map, node, "quote", at), $"{at}.quote");
            var partsNode = Required(map, node, "parts", at);
            var parts = Sequence(partsNode, $"{at}.parts").Select((p, i) => Part(p, $"{at}.parts[{i}]")).ToList();
            if (parts.Count == 0) throw Error(partsNode, $"{at}.parts", "lists no part; a claim is measured by at least one.");
            return new Claim { Id = id, Source = title, Quote = quote, Parts = parts };
        }

        private ClaimPart Part(YamlNode node, string at)
        {
            var map = Mapping(node, at, ["metric", "scenarios", "numerator", "denominator", "target", "rule", "runtime", "untestable"]);
            var metricNode = Required(map, node, "metric", at);
            var metricName = Scalar(metricNode, $"{at}.metric");
            var metric = Enum.GetValues<ClaimMetric>().Where(m => m.Name() == metricName).Cast<ClaimMetric?>().FirstOrDefault()
                ?? throw Error(metricNode, $"{at}.metric", $"unknown metric '{metricName}'; known: {string.Join(", ", Enum.GetValues<ClaimMetric>().Select(m => m.Name()))}.");
            var scenariosNode = Required(map, node, "scenarios", at);
            var scenarios = Names(scenariosNode, $"{at}.scenarios");
            if (scenarios.Count == 0) throw Error(scenariosNode, $"{at}.scenarios", "lists no scenario.");

            var target = Optional(map, "target");
            var numerator = Optional(map, "numerator");
            var denominator = Optional(map, "denominator");
            if (target is not null && (numerator ?? denominator) is not null)
                throw Error(target, $"{at}.target", "give either 'target' (an absolute rule) or 'numerator' and 'denominator' (a ratio), not both.");
            if (target is null && (numerator is null || denominator is null))
                throw Error(node, at, "'numerator' and 'denominator' are required (or 'target' for an absolute rule).");

            var untestable = Optional(map, "untestable") is { } u ? Text(u, $"{at}.untestable") : null;
            var ruleNode = Optional(map, "rule");
            if (ruleNode is null && untestable is null) throw Error(node, at, "'rule' is required.");
            var metricRule = ruleNode is null ? null : Rule(ruleNode, $"{at}.rule", metric, absolute: target is not null);

            var runtimeNode = Optional(map, "runtime");
            var runtime = runtimeNode is null ? null : Scalar(runtimeNode, $"{at}.runtime");
            if (runtime is not (null or "local" or "docker")) throw Error(runtimeNode!, $"{at}.runtime", $"must be 'local' or 'docker', not '{runtime}'.");

            return new ClaimPart
            {
                Metric = metric,
                Scenarios = scenarios,
                Numerator = Text(target ?? numerator!, target is null ? $"{at}.numerator" : $"{at}.target"),
                Denominator = denominator is null ? null : Text(denominator, $"{at}.denominator"),
                Rule = metricRule,
                Runtime = runtime,
                Untestable = untestable,
            };
        }

        private static readonly string[] RatioRules = ["range", "point", "greater", "equal", "atLeast"];
        private static readonly Dictionary<string, Comparison> AbsoluteRules = new()
        {
            ["below"] = Comparison.Below, ["atMost"] = Comparison.AtMost, ["atLeast"] = Comparison.AtLeast, ["above"] = Comparison.Above,
        };

        private ClaimRule Rule(YamlNode node, string at, ClaimMetric metric, bool absolute)
        {
            var kinds = absolute ? AbsoluteRules.Keys.ToArray() : RatioRules;
            var known = absolute ? $"an absolute rule (with 'target') is one of: {string.Join(", ", kinds)}" : $"a ratio rule is one of: {string.Join(", ", kinds)}";
            if (node is YamlScalarNode scalar)
            {
                // The rules without numbers may be written bare: `rule: greater`.
                return scalar.Value switch
                {
                    "greater" when !absolute => new GreaterRule(),
                    "equal" when !absolute => new EqualRule(),
                    _ => throw Error(node, at, $"unknown rule '{scalar.Value}'; {known}."),
                };
            }
            var map = Mapping(node, at, absolute ? [.. kinds, "unit"] : [.. kinds, "perTargetCore", "minTargetCores"]);
            var given = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(kinds.Contains).ToList();
            if (given.Count != 1) throw Error(node, at, given.Count == 0 ? $"names no rule; {known}." : $"names {given.Count} rules ({string.Join(", ", given)}); give one.");
            var kind = given[0];
            var valueNode = map.Children[new YamlScalarNode(kind)];
            if (absolute)
            {
                var unitNode = Required(map, node, "unit", at);
                var unit = Scalar(unitNode, $"{at}.unit");
                if (unit != metric.Unit()) throw Error(unitNode, $"{at}.unit", $"{metric.Name()} is measured in {metric.Unit()}, not {unit}: write the threshold in {metric.Unit()}.");
                return new AbsoluteRule(AbsoluteRules[kind], Number(valueNode, $"{at}.{kind}"));
            }
            if (kind != "atLeast" && (Optional(map, "perTargetCore") ?? Optional(map, "minTargetCores")) is { } extra)
                throw Error(extra, at, "perTargetCore and minTargetCores belong to 'atLeast' only.");
            switch (kind)
            {
                case "range":
                    var bounds = Sequence(valueNode, $"{at}.range").Select((n, i) => Number(n, $"{at}.range[{i}]")).ToList();
                    if (bounds.Count != 2 || bounds[0] <= 0 || bounds[0] >= bounds[1])
                        throw Error(valueNode, $"{at}.range", "must be [min, max] with 0 < min < max.");
                    return new RangeRule(bounds[0], bounds[1]);
                case "point":
                    return new PointRule(Positive(valueNode, $"{at}.point"));
                case "greater":
                case "equal":
                    throw Error(valueNode, $"{at}.{kind}", $"takes no value: write `rule: {kind}`.");
                default:
                    var perCore = Optional(map, "perTargetCore") is { } pc && Bool(pc, $"{at}.perTargetCore");
                    var minCores = Optional(map, "minTargetCores") is { } mc ? Integer(mc, $"{at}.minTargetCores") : 1;
                    return new AtLeastRule(Positive(valueNode, $"{at}.atLeast"), perCore, minCores);
            }
        }

        // Node helpers: each names the field and the problem.

        private YamlMappingNode Mapping(YamlNode node, string field, string[]? allowed)
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

        private IEnumerable<YamlNode> Sequence(YamlNode node, string field) =>
            node is YamlSequenceNode seq ? seq.Children : throw Error(node, field, "must be a list.");

        private static YamlNode? Optional(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private YamlNode Required(YamlMappingNode map, YamlNode owner, string key, string at) =>
            Optional(map, key) ?? throw Error(owner, at, $"'{key}' is required.");

        private string Scalar(YamlNode node, string field) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(node, field, "must be a single value, not a list or mapping.");

        private string Text(YamlNode node, string field)
        {
            var value = Scalar(node, field);
            return string.IsNullOrWhiteSpace(value) ? throw Error(node, field, "must not be empty.") : value;
        }

        private IReadOnlyList<string> Names(YamlNode node, string field) =>
            Sequence(node, field).Select((n, i) => Text(n, $"{field}[{i}]")).ToList();

        private double Number(YamlNode node, string field)
        {
            var text = Scalar(node, field);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v : throw Error(node, field, $"'{text}' is not a number.");
        }

        private double Positive(YamlNode node, string field)
        {
            var v = Number(node, field);
            return v > 0 ? v : throw Error(node, field, "must be positive.");
        }

        private int Integer(YamlNode node, string field)
        {
            var text = Scalar(node, field);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1
                ? v : throw Error(node, field, $"'{text}' is not a whole number ≥ 1.");
        }

        private bool Bool(YamlNode node, string field) => Scalar(node, field) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(node, field, $"'{other}' is not true or false."),
        };
    }
}
