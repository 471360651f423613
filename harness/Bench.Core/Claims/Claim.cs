namespace Bench.Core.Claims;

/// <summary>
/// One article claim as the catalog (claims/claims.yaml) states it: the verbatim quote and the parts it is
/// measured by. A claim holds when all of its parts hold (see claims/README.md for how verdicts combine).
/// </summary>
public sealed record Claim
{
    public required string Id { get; init; }
    /// <summary>The article's title, spelled out.</summary>
    public required string Source { get; init; }
    public required string Quote { get; init; }
    public required IReadOnlyList<ClaimPart> Parts { get; init; }
}

/// <summary>
/// One measured relation of a claim: a metric under one or more scenarios (each scenario an endpoint row),
/// either a ratio numerator/denominator or, for <see cref="AbsoluteRule"/>, one target's own value.
/// </summary>
public sealed record ClaimPart
{
    public required ClaimMetric Metric { get; init; }
    public required IReadOnlyList<string> Scenarios { get; init; }
    /// <summary>The ratio's numerator; for an absolute rule, the target judged.</summary>
    public required string Numerator { get; init; }
    /// <summary>The ratio's denominator; null for an absolute rule.</summary>
    public string? Denominator { get; init; }
    /// <summary>Null only for a part marked <see cref="Untestable"/> (nothing to apply).</summary>
    public required ClaimRule? Rule { get; init; }
    /// <summary>The runtime the part needs ("docker": image bytes), or null for either.</summary>
    public string? Runtime { get; init; }
    /// <summary>Why this part cannot be judged by the harness at all; its rows say so instead of a verdict.</summary>
    public string? Untestable { get; init; }

    public bool IsAbsolute => Denominator is null;

    /// <summary>The relation in words: "rust-axum/go-nethttp requestsPerSecond in [2, 3]", "rust-axum p99 &lt; 1 ms".</summary>
    public string Describe() =>
        $"{(IsAbsolute ? Numerator : $"{Numerator}/{Denominator}")} {Metric.Name()} {Rule?.Describe(Metric) ?? "(not judged)"}";
}

/// <summary>The whole catalog.</summary>
public sealed record ClaimCatalog
{
    public required IReadOnlyList<Claim> Claims { get; init; }
    /// <summary>
    /// Targets reported beside another wherever it appears (node-fastify-cluster beside node-fastify): their rows
    /// are shown, marked informational, and do not count towards the verdict.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Companions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>
    /// The target a run measures against itself for its A/A noise floor, when the run measures it on the first scenario
    /// (claims.yaml <c>noiseFloorTarget</c>); otherwise the first target that is. Every verdict is judged against that
    /// floor, so it should be a target whose trials differ by what the machine does, not by its own warm-up.
    /// </summary>
    public string? NoiseFloorTarget { get; init; }
}
