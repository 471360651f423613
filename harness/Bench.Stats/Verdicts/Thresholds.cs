namespace Bench.Stats.Verdicts;

/// <summary>
/// The edges the ratio rules judge with, given the run's noise floor f (how far apart the machine put two arms of one
/// target, <c>noiseFloor.halfWidth</c>). The floor only ever holds a verdict back, never makes one easier:
/// <list type="bullet">
/// <item>a verdict that a ratio lies <b>beyond</b> an edge (GT confirmed or refuted the other way round, EQ refuted,
/// RANGE and POINT refuted or exceeded, "at least" confirmed or refuted) needs it beyond that edge moved outward by the
/// factor 1 + f, or by the rule's own tolerance when that is larger (GT's 5 %, EQ's 25 %, POINT's 15 %): symmetric on
/// the log scale, as ratios are;</item>
/// <item>a verdict that a ratio lies <b>within</b> a band (EQ, POINT and RANGE confirmed, GT refuted as "no meaningful
/// difference") needs it inside the claim's own band and a floor no wider than that band: a machine that moves
/// identical arms 30 % apart cannot show two targets within 25 % of each other.</item>
/// </list>
/// With f = 0 every edge is the catalog's own. Widening the "within" bands too (as this did before) let the noise
/// confirm: an A/A floor of ±130 % made EQ's band [0.43, 2.3], so "equal" was confirmed by a ratio of 2, and "greater"
/// refuted by any ratio up to 2.3.
/// </summary>
public sealed record Thresholds(double NoiseFloor = 0)
{
    /// <summary>GT's "no meaningful difference" band is ±5 %, EQ's ±25 %, POINT's ±15 % (on the log scale: 1.25 = 1/0.8).</summary>
    public const double GreaterTolerance = 0.05, EqualTolerance = 0.25, PointTolerance = 0.15;

    private double Widen(double tolerance) => Math.Max(1 + tolerance, 1 + NoiseFloor);

    /// <summary>GT is confirmed when L exceeds this: 1.05, or 1 + f.</summary>
    public double GreaterAbove => Widen(GreaterTolerance);
    /// <summary>GT is refuted the other way round when U is below this: 1 / (1 + f).</summary>
    public double OtherWayBelow => 1 / Widen(0);
    /// <summary>GT's "no meaningful difference" band, [0.95, 1.05].</summary>
    public (double Low, double High) NoDifference => (1 - GreaterTolerance, 1 + GreaterTolerance);
    /// <summary>EQ's band, [0.8, 1.25]: confirmed inside it.</summary>
    public (double Low, double High) Equal => (0.8, 1 + EqualTolerance);
    /// <summary>EQ is refuted only outside [min(0.8, 1 / (1 + f)), max(1.25, 1 + f)].</summary>
    public (double Low, double High) EqualRefutedOutside => (1 / Widen(EqualTolerance), Widen(EqualTolerance));
    /// <summary>POINT v's band, [0.85 v, 1.15 v]: confirmed inside it.</summary>
    public (double Low, double High) Point(double v) => (v * (1 - PointTolerance), v * (1 + PointTolerance));
    /// <summary>POINT v is refuted below, or exceeded above, [v · min(0.85, 1 / (1 + f)), v · max(1.15, 1 + f)].</summary>
    public (double Low, double High) PointRefutedOutside(double v) =>
        (v * Math.Min(1 - PointTolerance, 1 / Widen(0)), v * Widen(PointTolerance));
    /// <summary>RANGE [a, b] is refuted below, or exceeded above, [a / (1 + f), b (1 + f)].</summary>
    public (double Low, double High) RangeRefutedOutside(double a, double b) => (a / Widen(0), b * Widen(0));
    /// <summary>RANGE [a, b]'s own half-width on the log scale, √(b/a) − 1 (22 % for [2, 3]): the widest floor it resolves.</summary>
    public static double RangeTolerance(double a, double b) => Math.Sqrt(b / a) - 1;
    /// <summary>"At least c" is confirmed when L reaches c (1 + f), refuted when U is below c / (1 + f).</summary>
    public (double Confirmed, double Refuted) AtLeast(double c) => (c * Widen(0), c / Widen(0));
    /// <summary>Whether the floor is narrow enough for a "within" verdict in a band of ± <paramref name="tolerance"/>.</summary>
    public bool Resolves(double tolerance) => NoiseFloor <= tolerance;
}
