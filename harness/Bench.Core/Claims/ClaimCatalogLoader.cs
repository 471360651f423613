using Bench.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Bench.Core.Claims;

/// <summary>
/// Reads claims/claims.yaml (format: claims/README.md) through <see cref="YamlReader"/>: unknown keys, wrong types,
/// unknown metrics or rules, missing fields each fail with one message naming file:line:column and the field.
/// Given the names that exist (<see cref="KnownNames"/>; `bench run` passes targets/ and scenarios/), a target or
/// scenario the catalog names that does not exist fails the same way: a misspelt name would otherwise read as
/// "not measured in this run" on every row. A scenario that exists but a run lacks makes that row untestable
/// ("scenario '…' was not run"), never an error.
/// </summary>
public static class ClaimCatalogLoader
{
    public static string DefaultPath => Path.Combine(RepoPaths.Root, "claims", "claims.yaml");

    public static ClaimCatalog Load(string? path = null, KnownNames? known = null)
    {
        var (yaml, root) = YamlReader.Load(path ?? DefaultPath,
            p => $"no claims catalog at {p}: give the path of a claims YAML file (format: claims/README.md).");
        return new Reader(yaml, known).Catalog(root);
    }

    public static ClaimCatalog Parse(string text, string file, KnownNames? known = null)
    {
        var (yaml, root) = YamlReader.Parse(text, file);
        return new Reader(yaml, known).Catalog(root);
    }

    /// <summary>The targets and scenarios that exist, for the catalog's names to be checked against.</summary>
    public sealed record KnownNames(IReadOnlyCollection<string> Targets, IReadOnlyCollection<string> Scenarios);

    /// <summary>Walks the YAML nodes keeping each one's position, so every message can point at the line.</summary>
    private sealed class Reader(YamlReader y, KnownNames? known)
    {
        public ClaimCatalog Catalog(YamlNode root)
        {
            var map = y.Mapping(root, "(top level)", ["sources", "companions", "noiseFloorTarget", "claims"]);
            var sources = y.Mapping(y.Required(map, root, "sources", "(top level)"), "sources", null)
                .Children.ToDictionary(kv => y.Scalar(kv.Key, "sources"), kv => y.Text(kv.Value, $"sources.{kv.Key}"));
            var companions = new Dictionary<string, IReadOnlyList<string>>();
            if (YamlReader.Optional(map, "companions") is { } companionsNode)
                foreach (var (key, value) in y.Mapping(companionsNode, "companions", null).Children)
                    companions[Target(key, "companions")] = y.Sequence(value, $"companions.{key}").Select((n, i) => Target(n, $"companions.{key}[{i}]")).ToList();

            var noiseTarget = YamlReader.Optional(map, "noiseFloorTarget") is { } noiseNode ? Target(noiseNode, "noiseFloorTarget") : null;

            var claimsNode = y.Required(map, root, "claims", "(top level)");
            var claims = y.Sequence(claimsNode, "claims").Select((node, i) => Claim(node, $"claims[{i}]", sources)).ToList();
            if (claims.Count == 0) throw y.Error(claimsNode, "claims", "lists no claim.");
            return new ClaimCatalog { Claims = claims, Companions = companions, NoiseFloorTarget = noiseTarget };
        }

        private readonly HashSet<string> _ids = [];

        private Claim Claim(YamlNode node, string at, IReadOnlyDictionary<string, string> sources)
        {
            var map = y.Mapping(node, at, ["id", "source", "quote", "parts"]);
            var idNode = y.Required(map, node, "id", at);
            var id = y.Text(idNode, $"{at}.id");
            at = $"{at} '{id}'";
            if (!_ids.Add(id)) throw y.Error(idNode, $"{at}.id", $"'{id}' is used twice; ids must be unique.");
            var sourceNode = y.Required(map, node, "source", at);
            var source = y.Text(sourceNode, $"{at}.source");
            if (!sources.TryGetValue(source, out var title))
                throw y.Error(sourceNode, $"{at}.source", $"'{source}' is not one of the sources ({string.Join(", ", sources.Keys)}).");
            var quote = y.Text(y.Required(map, node, "quote", at), $"{at}.quote");
            var partsNode = y.Required(map, node, "parts", at);
            var parts = y.Sequence(partsNode, $"{at}.parts").Select((p, i) => Part(p, $"{at}.parts[{i}]")).ToList();
            if (parts.Count == 0) throw y.Error(partsNode, $"{at}.parts", "lists no part; a claim is measured by at least one.");
            return new Claim { Id = id, Source = title, Quote = quote, Parts = parts };
        }

        private ClaimPart Part(YamlNode node, string at)
        {
            var map = y.Mapping(node, at, ["metric", "scenarios", "numerator", "denominator", "target", "rule", "runtime", "untestable"]);
            var metricNode = y.Required(map, node, "metric", at);
            var metricName = y.Scalar(metricNode, $"{at}.metric");
            var metric = Enum.GetValues<ClaimMetric>().Where(m => m.Name() == metricName).Cast<ClaimMetric?>().FirstOrDefault()
                ?? throw y.Error(metricNode, $"{at}.metric", $"unknown metric '{metricName}'; known: {string.Join(", ", Enum.GetValues<ClaimMetric>().Select(m => m.Name()))}.");
            var scenariosNode = y.Required(map, node, "scenarios", at);
            var scenarioNodes = y.Sequence(scenariosNode, $"{at}.scenarios").ToList();
            if (scenarioNodes.Count == 0) throw y.Error(scenariosNode, $"{at}.scenarios", "lists no scenario.");
            var scenarios = scenarioNodes.Select((n, i) => Scenario(n, $"{at}.scenarios[{i}]")).ToList();

            var target = YamlReader.Optional(map, "target");
            var numerator = YamlReader.Optional(map, "numerator");
            var denominator = YamlReader.Optional(map, "denominator");
            if (target is not null && (numerator ?? denominator) is not null)
                throw y.Error(target, $"{at}.target", "give either 'target' (an absolute rule) or 'numerator' and 'denominator' (a ratio), not both.");
            if (target is null && (numerator is null || denominator is null))
                throw y.Error(node, at, "'numerator' and 'denominator' are required (or 'target' for an absolute rule).");

            var untestable = YamlReader.Optional(map, "untestable") is { } u ? y.Text(u, $"{at}.untestable") : null;
            var ruleNode = YamlReader.Optional(map, "rule");
            if (ruleNode is null && untestable is null) throw y.Error(node, at, "'rule' is required.");
            var metricRule = ruleNode is null ? null : Rule(ruleNode, $"{at}.rule", metric, absolute: target is not null);

            var runtimeNode = YamlReader.Optional(map, "runtime");
            var runtime = runtimeNode is null ? null : y.Scalar(runtimeNode, $"{at}.runtime");
            if (runtime is not (null or "local" or "docker")) throw y.Error(runtimeNode!, $"{at}.runtime", $"must be 'local' or 'docker', not '{runtime}'.");

            return new ClaimPart
            {
                Metric = metric,
                Scenarios = scenarios,
                Numerator = Target(target ?? numerator!, target is null ? $"{at}.numerator" : $"{at}.target"),
                Denominator = denominator is null ? null : Target(denominator, $"{at}.denominator"),
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
                    _ => throw y.Error(node, at, $"unknown rule '{scalar.Value}'; {known}."),
                };
            }
            var map = y.Mapping(node, at, absolute ? [.. kinds, "unit"] : [.. kinds, "perTargetCore", "minTargetCores"]);
            var given = map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(kinds.Contains).ToList();
            if (given.Count != 1) throw y.Error(node, at, given.Count == 0 ? $"names no rule; {known}." : $"names {given.Count} rules ({string.Join(", ", given)}); give one.");
            var kind = given[0];
            var valueNode = map.Children[new YamlScalarNode(kind)];
            if (absolute)
            {
                var unitNode = y.Required(map, node, "unit", at);
                var unit = y.Scalar(unitNode, $"{at}.unit");
                if (unit != metric.Unit()) throw y.Error(unitNode, $"{at}.unit", $"{metric.Name()} is measured in {metric.Unit()}, not {unit}: write the threshold in {metric.Unit()}.");
                return new AbsoluteRule(AbsoluteRules[kind], y.Number(valueNode, $"{at}.{kind}"));
            }
            if (kind != "atLeast" && (YamlReader.Optional(map, "perTargetCore") ?? YamlReader.Optional(map, "minTargetCores")) is { } extra)
                throw y.Error(extra, at, "perTargetCore and minTargetCores belong to 'atLeast' only.");
            switch (kind)
            {
                case "range":
                    var bounds = y.Sequence(valueNode, $"{at}.range").Select((n, i) => y.Number(n, $"{at}.range[{i}]")).ToList();
                    if (bounds.Count != 2 || bounds[0] <= 0 || bounds[0] >= bounds[1])
                        throw y.Error(valueNode, $"{at}.range", "must be [min, max] with 0 < min < max.");
                    return new RangeRule(bounds[0], bounds[1]);
                case "point":
                    return new PointRule(y.Positive(valueNode, $"{at}.point"));
                case "greater":
                case "equal":
                    throw y.Error(valueNode, $"{at}.{kind}", $"takes no value: write `rule: {kind}`.");
                default:
                    var perCore = YamlReader.Optional(map, "perTargetCore") is { } pc && y.Bool(pc, $"{at}.perTargetCore");
                    var minCores = YamlReader.Optional(map, "minTargetCores") is { } mc ? y.Integer(mc, $"{at}.minTargetCores") : 1;
                    return new AtLeastRule(y.Positive(valueNode, $"{at}.atLeast"), perCore, minCores);
            }
        }

        /// <summary>A target's name, checked against the known ones when given.</summary>
        private string Target(YamlNode node, string field)
        {
            var name = y.Text(node, field);
            if (known is not null && !known.Targets.Contains(name))
                throw y.Error(node, field, $"unknown target '{name}'; targets/ holds {string.Join(", ", known.Targets.Order(StringComparer.Ordinal))}.");
            return name;
        }

        private string Scenario(YamlNode node, string field)
        {
            var name = y.Text(node, field);
            if (known is not null && !known.Scenarios.Contains(name))
                throw y.Error(node, field, $"unknown scenario '{name}'; the scenario files define {string.Join(", ", known.Scenarios.Order(StringComparer.Ordinal))}.");
            return name;
        }
    }
}
