using System.Globalization;
using Bench.Stats.Bounds;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Comparisons;

/// <summary>
/// Judges CURRENT against BASELINE the way the claims are judged: the ratio CURRENT/BASELINE with the same exact
/// Mann–Whitney bounds (<see cref="RatioBounds"/>), a censored side opened up the same way (<see cref="CensoringBounds.Sound"/>),
/// and a practical threshold t the whole interval must clear (as GT's L &gt; 1.05): a change is called only when
/// every ratio the data allow is more than t away from 1, in the metric's direction. No interval, no call.
/// </summary>
public static class ChangeRules
{
    public const double DefaultThreshold = 0.05;

    public static MetricChange Judge(ComparisonSide current, ComparisonSide baseline, Better better, double threshold = DefaultThreshold,
        double confidence = BoundedEstimate.DefaultConfidence)
    {
        if (threshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be in (0, 1)");
        int n = current.Values.Count, m = baseline.Values.Count;
        if (n == 0 || m == 0)
            return new(Change.NotComparable, $"{(n == 0 ? "CURRENT" : "BASELINE")} has no trial that counts", N: n, M: m);
        if (current.Values.Concat(baseline.Values).Any(v => !(v > 0) || !double.IsFinite(v)))
            return new(Change.NotComparable, "0 in some trials: a ratio of it is undefined", N: n, M: m);

        var bounds = RatioBounds.Of(current.Values, baseline.Values, confidence);
        var censoring = (current.Censored ? Censoring.Numerator : Censoring.None) | (baseline.Censored ? Censoring.Denominator : Censoring.None);
        MetricChange With(Change change, string reason) =>
            new(change, reason, bounds.Estimate, bounds.Lower, bounds.Upper, bounds.Confidence, n, m, censoring);
        if (!bounds.HasBounds) return With(Change.NotComparable, $"{bounds.NoBoundsReason}; run more trials (--trials)");

        var (lower, upper) = censoring.Sound(bounds.Lower!.Value, bounds.Upper!.Value);
        double low = 1 - threshold, high = 1 + threshold;
        var (improved, regressed) = better == Better.Higher ? (lower > high, upper < low) : (upper < low, lower > high);
        var interval = $"[{F(lower)}, {F(upper)}]";
        var band = $"1 ± {threshold.ToString("0.###", CultureInfo.InvariantCulture)}";
        var censored = censoring == Censoring.None ? "" : $"; {censoring.Describe()}";
        if (regressed) return With(Change.Slower, $"{interval} all beyond {band} on the worse side{censored}");
        if (improved) return With(Change.Faster, $"{interval} all beyond {band} on the better side{censored}");
        // Both sides held by the load generator at figures that did not move (by the uncensored rule for "same", on the
        // figures as measured): the same ceiling both times. That is all "same" says here, and the reason says so;
        // what the target could do above the ceiling is unknown on both sides.
        bool Within(double v) => v >= low && v <= high;
        // "same": the interval inside the band, or including 1 with the ratio inside it (no significant change)
        bool Same(double l, double u) => Within(l) && Within(u) || l <= 1 && u >= 1 && Within(bounds.Estimate);
        if (censoring == (Censoring.Numerator | Censoring.Denominator) && Same(bounds.Lower!.Value, bounds.Upper!.Value))
            return With(Change.Same, $"[{F(bounds.Lower!.Value)}, {F(bounds.Upper!.Value)}], ratio {F(bounds.Estimate)}: no significant change, both sides at the " +
                                     "load generator's ceiling: the same ceiling; the target's speed above it is unknown on both");
        // One censored side leaves the interval open towards it: "no change" can no longer be shown, only a change could have been.
        if (censoring != Censoring.None) return With(Change.NotComparable, $"{censoring.Describe()}: {interval} shows no change beyond {band}, and cannot show its absence");
        if (Within(lower) && Within(upper)) return With(Change.Same, $"{interval} within {band}");
        var includesOne = lower <= 1 && upper >= 1;
        if (Same(lower, upper))
            return With(Change.Same, $"{interval} includes 1 and the ratio is within {band}: no significant change (up to {Percent(Math.Max(1 - lower, upper - 1))} cannot be ruled out)");
        // Either a significant change the interval cannot place beyond the threshold, or a large ratio the noise cannot confirm.
        return With(Change.Inconclusive, includesOne
            ? $"ratio {F(bounds.Estimate)} but {interval} includes 1: too noisy to tell; run more trials (--trials)"
            : $"{interval} excludes 1 but overlaps {band}: a change, perhaps smaller than the threshold");
    }

    private static string F(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
