using Bench.Core.Claims;

namespace Bench.Stats.Verdicts;

/// <summary>
/// The ratios a rule confirms, as an interval to draw behind a measured one: the same numbers <see cref="ClaimRules"/>
/// judges with (GT's and "at least"'s edges raised by the noise floor), so a chart's band and the verdict never disagree. A "close to"
/// band (EQ, POINT) is the claim's own; a floor wider than it confirms nothing inside it (<see cref="Thresholds"/>).
/// </summary>
public static class ClaimBand
{
    /// <summary>[low, high] (high may be +∞); null for an absolute rule, which has a unit rather than a ratio.</summary>
    public static (double Low, double High)? Of(ClaimRule rule, Thresholds thresholds, int targetCores) => rule switch
    {
        RangeRule r => (r.Min, r.Max),
        PointRule p => thresholds.Point(p.Value),
        GreaterRule => (thresholds.GreaterAbove, double.PositiveInfinity),
        EqualRule => thresholds.Equal,
        AtLeastRule a => (thresholds.AtLeast(a.PerTargetCore ? a.Value * targetCores : a.Value).Confirmed, double.PositiveInfinity),
        _ => null,
    };
}
