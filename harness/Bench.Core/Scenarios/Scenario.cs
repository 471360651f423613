using System.Text.Json.Serialization;

namespace Bench.Core.Scenarios;

/// <summary>
/// One measured workload: which request every target gets, and how the load is applied. Declared in
/// scenarios/*.yaml; the harness turns it into pre-built requests and a load-engine run.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    /// <summary>The article claim this scenario tests, in words; shown in reports.</summary>
    public string Claim { get; init; } = "";
    public required ScenarioRequest Request { get; init; }
    public required ScenarioLoad Load { get; init; }
    /// <summary>
    /// The fewest trials this scenario gets, whatever --trials says (null: --trials): a claim's absolute rule
    /// needs 6 for a 95 % bound of a median, cold starts 10.
    /// </summary>
    public int? Trials { get; init; }
    /// <summary>Which targets a run without --quick measures on it (<c>coverage:</c>): every one that measures every scenario, or only those the claims read here.</summary>
    public Coverage Coverage { get; init; } = Coverage.Every;
    /// <summary>Where the scenario is defined (file:line:column), for messages about it; empty when built in code.</summary>
    [JsonIgnore]
    public string DefinedAt { get; init; } = "";
    /// <summary>Whether the targets need the database for this scenario (informative; the database always runs).</summary>
    public bool UsesDatabase => Request.Path.StartsWith("/db") || Request.Path.StartsWith("/queries") || Request.Path.StartsWith("/profile");

    /// <summary>The trials this scenario gets in a run (not --quick: see ClaimCells.Trials) asked for <paramref name="trials"/> per cell.</summary>
    public int TrialsFor(int trials) => Math.Max(trials, Trials ?? 0);
}

public sealed record ScenarioRequest
{
    public string Method { get; init; } = "GET";
    /// <summary>Path and query, e.g. /queries?n=20.</summary>
    public required string Path { get; init; }
    /// <summary>Send "Authorization: Bearer &lt;HS256 JWT&gt;" minted with the run's secret.</summary>
    public bool Jwt { get; init; }
    /// <summary>POST body: an order of about this many bytes (POST /json/process).</summary>
    public int? OrderBytes { get; init; }
    /// <summary>Distinct pre-built requests to rotate through (different users' tokens, different orders).</summary>
    public int Variants { get; init; } = 1;
    /// <summary>Status every response must have; anything else counts as an error.</summary>
    public int ExpectStatus { get; init; } = 200;
}

/// <summary>How a scenario loads the target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoadKind>))]
public enum LoadKind
{
    /// <summary>C connections, each sending its next request when the previous one is answered (saturation).</summary>
    [JsonStringEnumMemberName("closed")] Closed,
    /// <summary>A fixed arrival rate, whatever the answers do (latency at a given load, coordinated omission corrected).</summary>
    [JsonStringEnumMemberName("open")] Open,
    /// <summary>No load: start a fresh target, time its first 200 on /healthz, read its idle memory, stop it.</summary>
    [JsonStringEnumMemberName("startup")] Startup,
}

public sealed record ScenarioLoad
{
    public LoadKind Model { get; init; } = LoadKind.Closed;
    public int Connections { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// When set, <see cref="Warmup"/> is the least warmup: it goes on until throughput is steady, at most this
    /// long (JIT-compiled targets on one core take tens of seconds). Null: exactly <see cref="Warmup"/>.
    /// </summary>
    public TimeSpan? MaxWarmup { get; init; }
    /// <summary>Open model: requests per second (the start rate when <see cref="RampTo"/> is set); null with <see cref="RateOf"/> until the run resolves it.</summary>
    public double? Rate { get; init; }
    public double? RampTo { get; init; }
    /// <summary>Open model: the rate is a fraction of the slowest target's throughput in another scenario of the same run.</summary>
    public RateOf? RateOf { get; init; }
    public int Pipeline { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>The window and warmup `--quick` uses here, when the general quick ones are too short (1 s requests).</summary>
    public QuickTiming? Quick { get; init; }
}

/// <summary>
/// "The same rate for every target": <see cref="Fraction"/> of the slowest target's median req/s in
/// <see cref="Scenario"/> (a closed-model scenario), as measured earlier in the same run.
/// </summary>
public sealed record RateOf(string Scenario, double Fraction);

/// <summary>What --quick uses for a scenario where the general quick timing would not do; null parts take the general one.</summary>
public sealed record QuickTiming(TimeSpan? Duration, TimeSpan? Warmup, int? Trials = null);
