using Bench.Core.Claims;

namespace Bench.Stats.Verdicts;

/// <summary>
/// Applies a claim's rule to an interval [L, U]. Each outcome needs either L (a lower-bound statement), U (an
/// upper-bound statement) or both. A censored ratio passes L = 0 or U = ∞ for the side it cannot vouch for, so
/// exactly the sound conclusions survive (<see cref="Censoring"/>): no rule needs to know about censoring.
/// </summary>
public static class ClaimRules
{
    public static Judgement Judge(ClaimRule rule, double lower, double upper, Thresholds thresholds, int targetCores)
    {
        var interval = $"[{F(lower)}, {F(upper)}]";
        switch (rule)
        {
            case RangeRule r:
                return InRange((r.Min, r.Max), thresholds.RangeRefutedOutside(r.Min, r.Max), Thresholds.RangeTolerance(r.Min, r.Max));
            case PointRule p:
                return InRange(thresholds.Point(p.Value), thresholds.PointRefutedOutside(p.Value), Thresholds.PointTolerance);
            case GreaterRule:
            {
                if (lower > thresholds.GreaterAbove) return new(Verdict.Confirmed, $"L {F(lower)} > {F(thresholds.GreaterAbove)}");
                if (upper < thresholds.OtherWayBelow) return new(Verdict.Refuted, $"U {F(upper)} < {F(thresholds.OtherWayBelow)}: the other way round");
                var (low, high) = thresholds.NoDifference;
                if (lower >= low && upper <= high)
                    return Close(thresholds, Thresholds.GreaterTolerance, $"{interval} within [{F(low)}, {F(high)}]: no meaningful difference", Verdict.Refuted);
                return new(Verdict.Inconclusive, $"{interval} neither above {F(thresholds.GreaterAbove)} nor below {F(thresholds.OtherWayBelow)}");
            }
            case EqualRule:
            {
                var (low, high) = thresholds.Equal;
                if (lower >= low && upper <= high)
                    return Close(thresholds, Thresholds.EqualTolerance, $"{interval} within [{F(low)}, {F(high)}]", Verdict.Confirmed);
                var (outLow, outHigh) = thresholds.EqualRefutedOutside;
                if (upper < outLow || lower > outHigh) return new(Verdict.Refuted, $"{interval} outside [{F(outLow)}, {F(outHigh)}]");
                return Between(interval, low, high, outLow, outHigh);
            }
            case AtLeastRule a:
            {
                var least = a.PerTargetCore ? a.Value * targetCores : a.Value;
                var what = a.PerTargetCore ? $"{F(a.Value)}·{targetCores} = {F(least)}" : F(least);
                var (confirmedAt, refutedBelow) = thresholds.AtLeast(least);
                // with a noise floor the edges move apart: "≥ 0.8 (1.088 with the floor)"
                string Edge(double e) => e == least ? what : $"{what} ({F(e)} with the noise floor)";
                if (lower >= confirmedAt) return new(Verdict.Confirmed, $"L {F(lower)} ≥ {Edge(confirmedAt)}");
                if (upper < refutedBelow) return new(Verdict.Refuted, $"U {F(upper)} < {Edge(refutedBelow)}");
                return new(Verdict.Inconclusive, confirmedAt == refutedBelow ? $"{interval} straddles {what}"
                    : $"{interval} neither from {F(confirmedAt)} nor below {F(refutedBelow)} ({what}, moved apart by the noise floor)");
            }
            case AbsoluteRule abs:
                return Absolute(abs, lower, upper, interval);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "no judge for this rule");
        }

        // RANGE and POINT: confirmed inside the claimed band (when the floor resolves it), exceeded or refuted only beyond
        // the edges the floor moved outward
        Judgement InRange((double Low, double High) band, (double Low, double High) beyond, double tolerance)
        {
            if (lower > beyond.High) return new(Verdict.Exceeded, $"L {F(lower)} > {F(beyond.High)}: more than claimed");
            if (upper < beyond.Low) return new(Verdict.Refuted, $"U {F(upper)} < {F(beyond.Low)}");
            if (lower >= band.Low && upper <= band.High)
                return Close(thresholds, tolerance, $"{interval} within [{F(band.Low)}, {F(band.High)}]", Verdict.Confirmed);
            return Between(interval, band.Low, band.High, beyond.Low, beyond.High);
        }
    }

    /// <summary>Neither inside the claim's band nor beyond the edges the floor moved outward.</summary>
    private static Judgement Between(string interval, double low, double high, double beyondLow, double beyondHigh) =>
        new(Verdict.Inconclusive, beyondLow == low && beyondHigh == high
            ? $"{interval} overlaps the edge of [{F(low)}, {F(high)}]"
            : $"{interval} neither within [{F(low)}, {F(high)}] nor beyond [{F(beyondLow)}, {F(beyondHigh)}]");

    /// <summary>
    /// A "close to" verdict (inside a band of ± <paramref name="tolerance"/>) stands only when the run's noise floor is no
    /// wider than that band: otherwise the machine could have moved the ratio that far, and the verdict says so.
    /// </summary>
    private static Judgement Close(Thresholds thresholds, double tolerance, string why, Verdict verdict) =>
        thresholds.Resolves(tolerance)
            ? new(verdict, why)
            : new(Verdict.Inconclusive, $"{why}, but the noise floor (±{F(thresholds.NoiseFloor * 100)} %) is wider than that band's " +
                  $"±{F(tolerance * 100)} %: this run cannot tell");

    /// <summary>ABS on the median's interval: confirmed when all of it satisfies the threshold, refuted when none does.</summary>
    private static Judgement Absolute(AbsoluteRule rule, double lower, double upper, string interval)
    {
        var t = rule.Threshold;
        var (all, none) = rule.Comparison switch
        {
            Comparison.Below => (upper < t, lower >= t),
            Comparison.AtMost => (upper <= t, lower > t),
            Comparison.AtLeast => (lower >= t, upper < t),
            Comparison.Above => (lower > t, upper <= t),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Comparison, null),
        };
        var claim = $"{AbsoluteRule.Symbol(rule.Comparison)} {F(t)}";
        if (all) return new(Verdict.Confirmed, $"median's {interval} all {claim}");
        if (none) return new(Verdict.Refuted, $"median's {interval} nowhere {claim}");
        return new(Verdict.Inconclusive, $"median's {interval} straddles {F(t)}");
    }

    internal static string F(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString(Math.Abs(v) >= 100 ? "0" : "0.###", System.Globalization.CultureInfo.InvariantCulture);
}
