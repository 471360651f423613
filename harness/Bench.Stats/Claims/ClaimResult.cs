using Bench.Core.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Claims;

/// <summary>
/// A claim's verdict and the figures behind it. The estimate and bounds are the claim's own when it rests on one
/// endpoint row; for several, they are in <see cref="Rows"/> (every row is kept, none averaged away): no single
/// number stands for a verdict combined from several rows, so none is made up.
/// Serialised as results.json's `claims[]` (results/SCHEMA.md): property names are the schema's.
/// </summary>
public sealed record ClaimResult
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required string Quote { get; init; }
    /// <summary>Every part's metric, distinct, in part order.</summary>
    public required IReadOnlyList<ClaimMetric> Metric { get; init; }
    public required IReadOnlyList<string> Scenarios { get; init; }
    /// <summary>Every part's numerator (or absolute rule's target), distinct, in part order.</summary>
    public required IReadOnlyList<string> Numerator { get; init; }
    /// <summary>Every ratio part's denominator, distinct, in part order; empty when every part is absolute.</summary>
    public required IReadOnlyList<string> Denominator { get; init; }
    /// <summary>Every part's relation in words, joined by "and".</summary>
    public required string Claimed { get; init; }
    public double? Estimate { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public double? Confidence { get; init; }
    public int? N { get; init; }
    public int? M { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    /// <summary>Each part's own verdict, from its counted rows; the claim's verdict combines them.</summary>
    public required IReadOnlyList<PartResult> Parts { get; init; }
    public required IReadOnlyList<EndpointResult> Rows { get; init; }
}

/// <summary>One part of a claim over all its scenarios (companion rows not counted): what the claim's verdict combines.</summary>
public sealed record PartResult
{
    /// <summary>1-based, as <see cref="EndpointResult.Part"/>.</summary>
    public required int Part { get; init; }
    /// <summary>The relation in words (<see cref="ClaimPart.Describe"/>).</summary>
    public required string Claimed { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
}

/// <summary>
/// One part of a claim under one scenario: a ratio numerator/denominator (or one target's median for an absolute
/// rule), its bounds and its own verdict. <see cref="Informational"/> rows (a companion target, e.g.
/// node-fastify-cluster beside node-fastify) are shown but do not count towards the claim's verdict.
/// </summary>
public sealed record EndpointResult
{
    public required int Part { get; init; }
    public required ClaimMetric Metric { get; init; }
    public required string Scenario { get; init; }
    public required string Numerator { get; init; }
    public string? Denominator { get; init; }
    public required string Claimed { get; init; }
    public double? Estimate { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    public double? Confidence { get; init; }
    /// <summary>Trials of the numerator (or the target) the figures rest on: disturbed ones are not counted.</summary>
    public int N { get; init; }
    /// <summary>Trials of the denominator the figures rest on; 0 for an absolute rule.</summary>
    public int M { get; init; }
    public Censoring Censoring { get; init; }
    /// <summary>Trials left out of the bounds because the machine disturbed them.</summary>
    public int DisturbedTrials { get; init; }
    public bool Informational { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
}
