namespace Bench.Stats.Bounds;

/// <summary>
/// An estimate and its distribution-free confidence bounds. <see cref="Lower"/>, <see cref="Upper"/> and
/// <see cref="Confidence"/> are absent together, with <see cref="NoBoundsReason"/> saying why (too few trials):
/// a bound is never printed that the data cannot give.
/// </summary>
/// <param name="Confidence">The coverage actually achieved (e.g. 0.968 for 5 and 5 trials), never below the one asked for.</param>
/// <param name="M">The second sample's size (the denominator's trials); 0 for a one-sample bound.</param>
public sealed record BoundedEstimate(double Estimate, double? Lower, double? Upper, double? Confidence, int N, int M, string? NoBoundsReason)
{
    public bool HasBounds => Lower is not null;

    /// <summary>Fewer trials than this never get a printed 95 % bound (the rule, whatever the tables would allow).</summary>
    public const int MinTrials = 4;

    public const double DefaultConfidence = 0.95;
}
