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
    /// <summary>Whether the targets need the database for this scenario (informative; the database always runs).</summary>
    public bool UsesDatabase => Request.Path.StartsWith("/db") || Request.Path.StartsWith("/queries") || Request.Path.StartsWith("/profile");
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

public sealed record ScenarioLoad
{
    /// <summary>"closed" (C connections as fast as answered) or "open" (a fixed arrival rate).</summary>
    public string Model { get; init; } = "closed";
    public int Connections { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// When set, <see cref="Warmup"/> is the least warmup: it goes on until throughput is steady, at most this
    /// long (JIT-compiled targets on one core take tens of seconds). Null: exactly <see cref="Warmup"/>.
    /// </summary>
    public TimeSpan? MaxWarmup { get; init; }
    /// <summary>Open model: requests per second (the start rate when <see cref="RampTo"/> is set).</summary>
    public double? Rate { get; init; }
    public double? RampTo { get; init; }
    public int Pipeline { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
