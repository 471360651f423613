using Bench.Core.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

/// <summary>Every rule at and around its boundaries: the verdict the rule text gives for each interval.</summary>
public sealed class ClaimRulesTests
{
    private static Verdict Judge(ClaimRule rule, double lower, double upper, double floor = 0, int cores = 1) =>
        ClaimRules.Judge(rule, lower, upper, new Thresholds(floor), cores).Verdict;

    [Theory]
    [InlineData(2.0, 3.0, Verdict.Confirmed)]   // a ≤ L and U ≤ b, edges included
    [InlineData(2.2, 2.8, Verdict.Confirmed)]
    [InlineData(3.01, 4.0, Verdict.Exceeded)]   // L > b
    [InlineData(1.2, 1.9, Verdict.Refuted)]     // U < a
    [InlineData(1.8, 2.5, Verdict.Inconclusive)]
    [InlineData(2.5, 3.2, Verdict.Inconclusive)]
    [InlineData(1.5, 3.5, Verdict.Inconclusive)]
    public void Range(double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new RangeRule(2, 3), lower, upper));

    [Theory]
    [InlineData(1.46, 1.95, Verdict.Confirmed)]  // inside [0.85·1.7, 1.15·1.7] = [1.445, 1.955]
    [InlineData(1.44, 1.9, Verdict.Inconclusive)]
    [InlineData(1.96, 2.2, Verdict.Exceeded)]
    [InlineData(1.1, 1.44, Verdict.Refuted)]
    public void Point_is_a_range_of_plus_minus_15_percent(double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new PointRule(1.7), lower, upper));

    [Theory]
    [InlineData(1.06, 1.3, Verdict.Confirmed)]
    [InlineData(1.05, 1.3, Verdict.Inconclusive)]  // L must exceed 1.05
    [InlineData(0.7, 0.99, Verdict.Refuted)]       // U < 1: the other way round
    [InlineData(0.96, 1.04, Verdict.Refuted)]      // within [0.95, 1.05]: no meaningful difference
    [InlineData(0.94, 1.04, Verdict.Inconclusive)]
    [InlineData(0.98, 1.2, Verdict.Inconclusive)]
    public void Greater(double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new GreaterRule(), lower, upper));

    [Theory]
    [InlineData(0.8, 1.25, Verdict.Confirmed)]
    [InlineData(0.9, 1.1, Verdict.Confirmed)]
    [InlineData(0.79, 1.1, Verdict.Inconclusive)]
    [InlineData(1.2, 1.3, Verdict.Inconclusive)]
    [InlineData(1.26, 1.5, Verdict.Refuted)]   // disjoint above
    [InlineData(0.5, 0.79, Verdict.Refuted)]   // disjoint below
    public void Equal(double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new EqualRule(), lower, upper));

    [Theory]
    [InlineData(0.8, 1.3, Verdict.Confirmed)]
    [InlineData(0.6, 0.79, Verdict.Refuted)]
    [InlineData(0.7, 0.9, Verdict.Inconclusive)]
    public void At_least(double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new AtLeastRule(0.8, false, 1), lower, upper));

    [Theory]
    [InlineData(2, 1.45, 1.9, Verdict.Confirmed)]    // ≥ 0.7·2 = 1.4
    [InlineData(2, 1.1, 1.35, Verdict.Refuted)]
    [InlineData(4, 1.45, 1.9, Verdict.Refuted)]      // ≥ 0.7·4 = 2.8
    public void At_least_per_target_core_scales_with_the_cores(int cores, double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new AtLeastRule(0.7, true, 2), lower, upper, cores: cores));

    [Theory]
    [InlineData(Comparison.Below, 0.6, 0.95, Verdict.Confirmed)]
    [InlineData(Comparison.Below, 0.6, 1.0, Verdict.Inconclusive)]  // U must be < 1
    [InlineData(Comparison.Below, 1.0, 1.4, Verdict.Refuted)]       // all of it ≥ 1
    [InlineData(Comparison.AtMost, 0.6, 1.0, Verdict.Confirmed)]
    [InlineData(Comparison.AtMost, 1.0, 1.4, Verdict.Inconclusive)]
    [InlineData(Comparison.AtMost, 1.01, 1.4, Verdict.Refuted)]
    [InlineData(Comparison.AtLeast, 1.0, 1.4, Verdict.Confirmed)]
    [InlineData(Comparison.AtLeast, 0.5, 0.99, Verdict.Refuted)]
    [InlineData(Comparison.Above, 1.0, 1.4, Verdict.Inconclusive)]
    [InlineData(Comparison.Above, 1.01, 1.4, Verdict.Confirmed)]
    [InlineData(Comparison.Above, 0.5, 1.0, Verdict.Refuted)]
    public void Absolute_thresholds_judge_the_whole_median_interval(Comparison comparison, double lower, double upper, Verdict expected) =>
        Assert.Equal(expected, Judge(new AbsoluteRule(comparison, 1.0), lower, upper));

    [Fact]
    public void A_noise_floor_above_the_fixed_bands_widens_them()
    {
        // f = 7 %: GT needs L > 1.07 (not 1.05); its "no difference" band is [0.93, 1.07].
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), 1.06, 1.2));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), 1.06, 1.2, floor: 0.07));
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), 1.08, 1.2, floor: 0.07));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), 0.94, 1.06));
        Assert.Equal(Verdict.Refuted, Judge(new GreaterRule(), 0.94, 1.06, floor: 0.07));
        // f = 30 %: EQ's [0.8, 1.25] becomes [1/1.3, 1.3]; POINT 1.7's [0.85, 1.15]·1.7 becomes [1.7/1.3, 1.3·1.7] = [1.308, 2.21].
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), 0.78, 1.28));
        Assert.Equal(Verdict.Confirmed, Judge(new EqualRule(), 0.78, 1.28, floor: 0.30));
        Assert.Equal(Verdict.Exceeded, Judge(new PointRule(1.7), 2.0, 2.1));
        Assert.Equal(Verdict.Confirmed, Judge(new PointRule(1.7), 2.0, 2.1, floor: 0.30));
    }

    [Fact]
    public void A_floor_over_100_percent_widens_on_the_log_scale_and_never_confirms_a_difference_it_cannot_see()
    {
        // f = 1.297 (the A/A arms of one default run here disagreed by up to 2.297×)
        var t = new Thresholds(1.297);
        Assert.Equal(1 / 2.297, t.NoDifferenceLow, 6);                       // was 1 − f = −0.297
        var (low, high) = t.Point(0.5);
        Assert.Equal(0.5 / 2.297, low, 9);                                   // was −0.149
        Assert.Equal(0.5 * 2.297, high, 9);
        // that run's rust/node mean latency at 1024 connections: [0.251, 0.756] lies in the band, but so does 1
        var j = ClaimRules.Judge(new PointRule(0.5), 0.251, 0.756, t, 1);
        Assert.Equal(Verdict.Inconclusive, j.Verdict);
        Assert.Contains("cannot tell 0.5 from no difference", j.Reason);
        // outside the band still refutes or exceeds; a claimed 1 (no difference) is not held back
        Assert.Equal(Verdict.Refuted, Judge(new PointRule(0.5), 0.1, 0.2, floor: 1.297));
        Assert.Equal(Verdict.Exceeded, Judge(new PointRule(0.5), 1.2, 1.3, floor: 1.297));
        Assert.Equal(Verdict.Confirmed, Judge(new PointRule(1), 0.9, 1.1, floor: 1.297));
        // with a floor whose band leaves 1 out, the claimed difference is confirmed as before
        Assert.Equal(Verdict.Confirmed, Judge(new PointRule(0.5), 0.45, 0.55, floor: 0.5));
    }

    [Fact]
    public void A_noise_floor_below_the_fixed_bands_changes_nothing()
    {
        var t = new Thresholds(0.02);
        Assert.Equal((1.05, 0.95, 0.8, 1.25), (t.GreaterAbove, t.NoDifferenceLow, t.EqualLow, t.EqualHigh));
        Assert.Equal((0.85 * 2, 1.15 * 2), t.Point(2));
    }
}
