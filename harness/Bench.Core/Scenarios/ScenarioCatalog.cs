using Bench.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Bench.Core.Scenarios;

/// <summary>
/// Parses scenario files (scenarios/*.yaml; <see cref="ScenarioSelection"/> resolves what `--scenarios` names)
/// through <see cref="YamlReader"/>. Every field is validated here so a typo fails before any target starts,
/// with one line naming file:line:column and the field.
/// </summary>
public static class ScenarioCatalog
{
    public const string DefaultSet = "default";

    public static string Directory => Path.Combine(RepoPaths.Root, "scenarios");

    /// <summary>Reads one scenario file; a missing file says so, naming it.</summary>
    public static IReadOnlyList<Scenario> Load(string path)
    {
        var (yaml, root) = YamlReader.Load(path, p => $"no scenario file at {p}: give the path of a scenario YAML file (format: scenarios/README.md).");
        return Read(yaml, root);
    }

    public static IReadOnlyList<Scenario> Parse(string text, string source)
    {
        var (yaml, root) = YamlReader.Parse(text, source);
        return Read(yaml, root);
    }

    private static IReadOnlyList<Scenario> Read(YamlReader y, YamlNode root)
    {
        var listNode = y.Required(y.Mapping(root, "(top level)", ["scenarios"]), root, "scenarios", "(top level)");
        var entries = y.Sequence(listNode, "scenarios").ToList();
        if (entries.Count == 0) throw y.Error(listNode, "scenarios", "no scenarios listed under 'scenarios:'.");
        var names = new Dictionary<string, string>();
        var scenarios = new List<Scenario>();
        for (var i = 0; i < entries.Count; i++)
        {
            var scenario = Validate(y, entries[i], $"scenarios[{i}]");
            if (names.TryGetValue(scenario.Name, out var first))
                throw y.Error(entries[i], $"scenarios[{i}].name", $"scenario name '{scenario.Name}' is used twice (first in {first}).");
            names[scenario.Name] = $"scenarios[{i}]";
            scenarios.Add(scenario);
        }
        return scenarios;
    }

    private static readonly string[] ScenarioKeys = ["name", "trials", "claim", "coverage", "request", "load"];
    private static readonly string[] RequestKeys = ["method", "path", "jwt", "orderBytes", "variants", "expectStatus"];
    private static readonly string[] LoadKeys = ["model", "connections", "duration", "warmup", "maxWarmup", "rate", "rampTo", "pipeline", "timeout", "rateOf", "fraction", "quick"];
    private static readonly string[] QuickKeys = ["duration", "warmup", "trials"];

    private static Scenario Validate(YamlReader y, YamlNode node, string at)
    {
        var entry = y.Mapping(node, at, ScenarioKeys);
        var name = y.Text(y.Required(entry, node, "name", at), $"{at}.name");
        at = $"{at} '{name}'";
        var loadNode = YamlReader.Optional(entry, "load");
        var load = loadNode is null ? null : y.Mapping(loadNode, $"{at}.load", LoadKeys);
        YamlNode? Load(string key) => load is null ? null : YamlReader.Optional(load, key);
        string L(string key) => $"{at}.load.{key}";

        var model = Load("model") is { } modelNode
            ? y.OneOf(modelNode, L("model"), "closed", "open", "startup") switch { "open" => LoadKind.Open, "startup" => LoadKind.Startup, _ => LoadKind.Closed }
            : LoadKind.Closed;

        // A start-up scenario sends nothing but the health checks that time the start.
        var requestNode = YamlReader.Optional(entry, "request");
        var request = requestNode is null ? null : y.Mapping(requestNode, $"{at}.request", RequestKeys);
        YamlNode? Req(string key) => request is null ? null : YamlReader.Optional(request, key);
        string R(string key) => $"{at}.request.{key}";
        string path;
        if (Req("path") is { } pathNode)
        {
            path = y.Text(pathNode, R("path"));
            if (!path.StartsWith('/')) throw y.Error(pathNode, R("path"), $"must start with '/' (got '{path}').");
        }
        else if (model == LoadKind.Startup && request is null) path = "/healthz";
        else throw y.Error(requestNode ?? node, requestNode is null ? at : $"{at}.request", "'request.path' is required (a path starting with '/').");

        var rateOf = RateSource(y, load, model, at);
        var rateNode = Load("rate");
        var rampNode = Load("rampTo");
        if (model == LoadKind.Open && rateNode is null && rateOf is null)
            throw y.Error(loadNode!, $"{at}.load", "an open model needs load.rate > 0 (requests per second) or load.rateOf (a scenario whose slowest target sets the rate).");
        if (model != LoadKind.Open && (rateNode ?? rampNode) is { } misplaced)
            throw y.Error(misplaced, $"{at}.load", "load.rate/rampTo apply to the open model only.");
        if (rateNode is not null && rateOf is not null) throw y.Error(rateNode, L("rate"), "give load.rate or load.rateOf, not both.");
        if (rampNode is not null && rateOf is not null) throw y.Error(rampNode, L("rampTo"), "load.rampTo needs a load.rate to ramp from (not load.rateOf).");

        var orderBytes = Req("orderBytes") is { } ob ? y.Integer(ob, R("orderBytes"), 64, 1024 * 1024) : (int?)null;
        var warmupNode = Load("warmup");
        var warmup = warmupNode is null ? TimeSpan.FromSeconds(2) : y.Duration(warmupNode, L("warmup"));
        TimeSpan? maxWarmup = null;
        if (Load("maxWarmup") is { } maxNode)
        {
            maxWarmup = y.Duration(maxNode, L("maxWarmup"));
            if (maxWarmup < warmup)
                throw y.Error(maxNode, L("maxWarmup"), $"load.maxWarmup ({y.Scalar(maxNode, L("maxWarmup"))}) is shorter than load.warmup ({DurationText.Format(warmup)}).");
        }
        QuickTiming? quick = null;
        if (Load("quick") is { } quickNode)
        {
            // each part may be left out: --quick's general timing (and the run's trial count) stand in for it
            var q = y.Mapping(quickNode, L("quick"), QuickKeys);
            quick = new QuickTiming(
                YamlReader.Optional(q, "duration") is { } qd ? y.Duration(qd, L("quick.duration"), positive: true) : null,
                YamlReader.Optional(q, "warmup") is { } qw ? y.Duration(qw, L("quick.warmup")) : null,
                YamlReader.Optional(q, "trials") is { } qt ? y.Integer(qt, L("quick.trials"), 1, 1000) : null);
        }

        return new Scenario
        {
            Name = name,
            Claim = YamlReader.Optional(entry, "claim") is { } claim ? y.Scalar(claim, $"{at}.claim") : "",
            Trials = YamlReader.Optional(entry, "trials") is { } trials ? y.Integer(trials, $"{at}.trials", 1, 1000) : null,
            Coverage = YamlReader.Optional(entry, "coverage") is { } coverage && y.OneOf(coverage, $"{at}.coverage", "every", "claims") == "claims"
                ? Coverage.Claims : Coverage.Every,
            Request = new ScenarioRequest
            {
                Method = (Req("method") is { } m ? y.Text(m, R("method")) : orderBytes is null ? "GET" : "POST").ToUpperInvariant(),
                Path = path,
                Jwt = Req("jwt") is { } jwt && y.Bool(jwt, R("jwt")),
                OrderBytes = orderBytes,
                Variants = Req("variants") is { } v ? y.Integer(v, R("variants"), 1, 100_000) : 1,
                ExpectStatus = Req("expectStatus") is { } es ? y.Integer(es, R("expectStatus"), 100, 599) : 200,
            },
            Load = new ScenarioLoad
            {
                Model = model,
                Connections = Load("connections") is { } c ? y.Integer(c, L("connections"), 1, 10_000) : 64,
                Duration = Load("duration") is { } d ? y.Duration(d, L("duration"), positive: true) : TimeSpan.FromSeconds(10),
                Warmup = warmup,
                MaxWarmup = maxWarmup,
                Rate = rateNode is null ? null : y.Positive(rateNode, L("rate")),
                RampTo = rampNode is null ? null : NotNegative(y, rampNode, L("rampTo")), // a ramp may end at 0 req/s
                RateOf = rateOf,
                Pipeline = Load("pipeline") is { } p ? y.Integer(p, L("pipeline"), 1, 1024) : 1,
                Timeout = Load("timeout") is { } t ? y.Duration(t, L("timeout"), positive: true) : TimeSpan.FromSeconds(2),
                Quick = quick,
            },
            DefinedAt = $"{y.File}:{node.Start.Line}:{node.Start.Column}",
        };
    }

    private static double NotNegative(YamlReader y, YamlNode node, string field)
    {
        var value = y.Number(node, field);
        return value >= 0 ? value : throw y.Error(node, field, $"must be 0 or more requests per second (got {value}).");
    }

    private static RateOf? RateSource(YamlReader y, YamlMappingNode? load, LoadKind model, string at)
    {
        var rateOfNode = load is null ? null : YamlReader.Optional(load, "rateOf");
        var fractionNode = load is null ? null : YamlReader.Optional(load, "fraction");
        if (rateOfNode is null)
            return fractionNode is null ? null : throw y.Error(fractionNode, $"{at}.load.fraction", "load.fraction applies with load.rateOf only.");
        if (model != LoadKind.Open) throw y.Error(rateOfNode, $"{at}.load.rateOf", "load.rateOf applies to the open model only.");
        var source = y.Text(rateOfNode, $"{at}.load.rateOf");
        var fraction = fractionNode is null ? 0.5 : y.Number(fractionNode, $"{at}.load.fraction");
        if (fraction is not (> 0 and <= 1)) throw y.Error(fractionNode!, $"{at}.load.fraction", $"load.fraction must be in (0, 1] (got {fraction}).");
        return new RateOf(source, fraction);
    }

    /// <summary>
    /// Checks what one file cannot: every <see cref="RateOf"/> names a closed-model scenario of the same selection
    /// (the rate is measured in the run itself, so its source must run too).
    /// </summary>
    public static void CheckRateSources(IReadOnlyList<Scenario> scenarios)
    {
        foreach (var s in scenarios)
        {
            if (s.Load.RateOf is not { } of) continue;
            var source = scenarios.FirstOrDefault(x => x.Name == of.Scenario)
                ?? throw new BenchException($"{s.DefinedAt}: scenario '{s.Name}' load.rateOf: takes its rate from scenario '{of.Scenario}', which is not selected: select both (e.g. --scenarios {of.Scenario},{s.Name}).");
            if (source.Load.Model != LoadKind.Closed)
                throw new BenchException($"{s.DefinedAt}: scenario '{s.Name}' load.rateOf: takes its rate from '{of.Scenario}', which is not a closed-model (saturation) scenario.");
        }
    }
}
