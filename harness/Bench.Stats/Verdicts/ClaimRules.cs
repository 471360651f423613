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
                return Range(r.Min, r.Max, lower, upper, interval);
            case PointRule p:
                var (low, high) = thresholds.Point(p.Value);
                var point = Range(low, high, lower, upper, interval);
                // A claimed difference (v ≠ 1) whose noise-widened band holds 1 cannot be told from no difference
                // on this machine: "half the latency" must not be confirmed by a ratio of 0.9.
                if (point.Verdict == Verdict.Confirmed && p.Value != 1 && low <= 1 && 1 <= high)
                    return new(Verdict.Inconclusive, $"{interval} within [{F(low)}, {F(high)}], but the noise floor (±{F(thresholds.NoiseFloor * 100)} %) " +
                        $"puts 1 in that band: this run cannot tell {F(p.Value)} from no difference");
                return point;
            case GreaterRule:
                if (lower > thresholds.GreaterAbove) return new(Verdict.Confirmed, $"L {F(lower)} > {F(thresholds.GreaterAbove)}");
                if (upper < 1) return new(Verdict.Refuted, $"U {F(upper)} < 1: the other way round");
                if (lower >= thresholds.NoDifferenceLow && upper <= thresholds.GreaterAbove)
                    return new(Verdict.Refuted, $"{interval} within [{F(thresholds.NoDifferenceLow)}, {F(thresholds.GreaterAbove)}]: no meaningful difference");
                return new(Verdict.Inconclusive, $"{interval} neither above {F(thresholds.GreaterAbove)} nor below 1");
            case EqualRule:
                if (lower >= thresholds.EqualLow && upper <= thresholds.EqualHigh)
                    return new(Verdict.Confirmed, $"{interval} within [{F(thresholds.EqualLow)}, {F(thresholds.EqualHigh)}]");
                if (upper < thresholds.EqualLow || lower > thresholds.EqualHigh)
                    return new(Verdict.Refuted, $"{interval} outside [{F(thresholds.EqualLow)}, {F(thresholds.EqualHigh)}]");
                return new(Verdict.Inconclusive, $"{interval} overlaps the edge of [{F(thresholds.EqualLow)}, {F(thresholds.EqualHigh)}]");
            case AtLeastRule a:
                var least = a.PerTargetCore ? a.Value * targetCores : a.Value;
                var what = a.PerTargetCore ? $"{F(a.Value)}·{targetCores} = {F(least)}" : F(least);
                if (lower >= least) return new(Verdict.Confirmed, $"L {F(lower)} ≥ {what}");
                if (upper < least) return new(Verdict.Refuted, $"U {F(upper)} < {what}");
                return new(Verdict.Inconclusive, $"{interval} straddles {what}");
            case AbsoluteRule abs:
                return Absolute(abs, lower, upper, interval);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "no judge for this rule");
        }
    }

    private static Judgement Range(double min, double max, double lower, double upper, string interval)
    {
        if (lower >= min && upper <= max) return new(Verdict.Confirmed, $"{interval} within [{F(min)}, {F(max)}]");
        if (lower > max) return new(Verdict.Exceeded, $"L {F(lower)} > {F(max)}: more than claimed");
        if (upper < min) return new(Verdict.Refuted, $"U {F(upper)} < {F(min)}");
        return new(Verdict.Inconclusive, $"{interval} overlaps the edge of [{F(min)}, {F(max)}]");
    }

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
