using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bench.Core.Scenarios;

/// <summary>
/// Loads scenario files (scenarios/*.yaml). `--scenarios default` means scenarios/default.yaml; a path
/// means that file. Every field is validated here so a typo fails before any target starts.
/// </summary>
public static class ScenarioCatalog
{
    public const string DefaultSet = "default";

    public static string Directory => Path.Combine(RepoPaths.Root, "scenarios");

    public static IReadOnlyList<Scenario> Load(string? nameOrPath)
    {
        nameOrPath ??= DefaultSet;
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(Directory, nameOrPath + ".yaml");
        if (!File.Exists(path))
        {
            var known = System.IO.Directory.Exists(Directory)
                ? string.Join(", ", System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order())
                : "none";
            throw new BenchException($"no scenario file '{nameOrPath}': give a path to a YAML file or one of: {known}.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<Scenario> Parse(string yaml, string source)
    {
        ScenarioFile file;
        try
        {
            file = Deserializer.Deserialize<ScenarioFile>(yaml) ?? throw new BenchException($"{source} is empty.");
        }
        catch (YamlException e)
        {
            throw new BenchException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (file.Scenarios is not { Count: > 0 }) throw new BenchException($"{source}: no scenarios listed under 'scenarios:'.");
        var scenarios = file.Scenarios.Select((s, i) => Validate(s, $"{source}: scenario #{i + 1}{(s.Name is null ? "" : $" '{s.Name}'")}")).ToList();
        var duplicate = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new BenchException($"{source}: scenario name '{duplicate.Key}' is used twice.");
        return scenarios;
    }

    private static Scenario Validate(ScenarioEntry e, string where)
    {
        if (string.IsNullOrWhiteSpace(e.Name)) throw new BenchException($"{where}: 'name' is required.");
        if (e.Request?.Path is not { Length: > 0 } path || !path.StartsWith('/'))
            throw new BenchException($"{where}: 'request.path' is required and must start with '/'.");
        var load = e.Load ?? new LoadEntry();
        var model = load.Model ?? "closed";
        if (model is not ("closed" or "open")) throw new BenchException($"{where}: load.model must be 'closed' or 'open', not '{model}'.");
        if (model == "open" && load.Rate is not > 0) throw new BenchException($"{where}: an open model needs load.rate > 0 (requests per second).");
        if (model == "closed" && (load.Rate is not null || load.RampTo is not null)) throw new BenchException($"{where}: load.rate/rampTo apply to the open model only.");
        if (load.Connections is < 1 or > 10_000) throw new BenchException($"{where}: load.connections must be 1..10000.");
        if (e.Request.Variants is < 1 or > 100_000) throw new BenchException($"{where}: request.variants must be 1..100000.");
        if (e.Request.OrderBytes is < 64 or > 1024 * 1024) throw new BenchException($"{where}: request.orderBytes must be 64..1048576.");
        var method = (e.Request.Method ?? (e.Request.OrderBytes is null ? "GET" : "POST")).ToUpperInvariant();
        var warmup = load.Warmup is null ? TimeSpan.FromSeconds(2) : DurationText.Parse(load.Warmup, $"{where}: load.warmup");
        TimeSpan? maxWarmup = load.MaxWarmup is null ? null : DurationText.Parse(load.MaxWarmup, $"{where}: load.maxWarmup");
        if (maxWarmup < warmup) throw new BenchException($"{where}: load.maxWarmup ({load.MaxWarmup}) is shorter than load.warmup ({DurationText.Format(warmup)}).");
        return new Scenario
        {
            Name = e.Name,
            Claim = e.Claim ?? "",
            Request = new ScenarioRequest
            {
                Method = method,
                Path = path,
                Jwt = e.Request.Jwt ?? false,
                OrderBytes = e.Request.OrderBytes,
                Variants = e.Request.Variants ?? 1,
                ExpectStatus = e.Request.ExpectStatus ?? 200,
            },
            Load = new ScenarioLoad
            {
                Model = model,
                Connections = load.Connections ?? 64,
                Duration = load.Duration is null ? TimeSpan.FromSeconds(10) : Positive(DurationText.Parse(load.Duration, $"{where}: load.duration"), where, "load.duration"),
                Warmup = warmup,
                MaxWarmup = maxWarmup,
                Rate = load.Rate,
                RampTo = load.RampTo,
                Pipeline = load.Pipeline is null ? 1 : load.Pipeline.Value is >= 1 and <= 1024 ? load.Pipeline.Value : throw new BenchException($"{where}: load.pipeline must be 1..1024."),
                Timeout = load.Timeout is null ? TimeSpan.FromSeconds(2) : Positive(DurationText.Parse(load.Timeout, $"{where}: load.timeout"), where, "load.timeout"),
            },
        };
    }

    private static TimeSpan Positive(TimeSpan t, string where, string field) =>
        t > TimeSpan.Zero ? t : throw new BenchException($"{where}: {field} must be positive.");

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    // The YAML shape: nullable everywhere so that "missing" and "invalid" can be told apart in messages.
    private sealed class ScenarioFile { public List<ScenarioEntry>? Scenarios { get; set; } }

    private sealed class ScenarioEntry
    {
        public string? Name { get; set; }
        public string? Claim { get; set; }
        public RequestEntry? Request { get; set; }
        public LoadEntry? Load { get; set; }
    }

    private sealed class RequestEntry
    {
        public string? Method { get; set; }
        public string? Path { get; set; }
        public bool? Jwt { get; set; }
        public int? OrderBytes { get; set; }
        public int? Variants { get; set; }
        public int? ExpectStatus { get; set; }
    }

    private sealed class LoadEntry
    {
        public string? Model { get; set; }
        public int? Connections { get; set; }
        public string? Duration { get; set; }
        public string? Warmup { get; set; }
        public string? MaxWarmup { get; set; }
        public double? Rate { get; set; }
        public double? RampTo { get; set; }
        public int? Pipeline { get; set; }
        public string? Timeout { get; set; }
    }
}
