namespace Bench.Stats.Verdicts;

/// <summary>
/// The bands the GT, EQ and POINT rules use, never narrower than the run's noise floor f (the relative spread the
/// machine shows between identical trials): a difference smaller than the noise is not called a difference.
/// Widened bands are symmetric on the log scale ([v / (1 + f), v (1 + f)]), as ratios are: 1 − f went below 0
/// once f passed 1 (an A/A floor of ±130 % gave POINT 0.5 the band [−0.15, 1.15]).
/// </summary>
public sealed record Thresholds(double NoiseFloor = 0)
{
    /// <summary>GT is confirmed when L exceeds this (1.05, or 1 + f).</summary>
    public double GreaterAbove => Math.Max(1.05, 1 + NoiseFloor);
    /// <summary>GT is refuted when [L, U] lies within [<see cref="NoDifferenceLow"/>, <see cref="GreaterAbove"/>].</summary>
    public double NoDifferenceLow => Math.Min(0.95, 1 / (1 + NoiseFloor));
    /// <summary>EQ: the ratio within [0.8, 1.25], widened to [1/(1 + f), 1 + f] by a larger floor.</summary>
    public double EqualLow => Math.Min(0.8, 1 / (1 + NoiseFloor));
    public double EqualHigh => Math.Max(1.25, 1 + NoiseFloor);
    /// <summary>POINT v: RANGE [0.85 v, 1.15 v], widened to [v / (1 + f), (1 + f) v] by a larger floor.</summary>
    public (double Low, double High) Point(double v) => (v * Math.Min(0.85, 1 / (1 + NoiseFloor)), v * Math.Max(1.15, 1 + NoiseFloor));
}
