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
    public void A_noise_floor_moves_the_edges_of_a_difference_outward_by_1_plus_f()
    {
        // GT, f = 7 %: confirmed only above 1.07 (not 1.05), refuted the other way round only below 1/1.07 = 0.935
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), 1.06, 1.2));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), 1.06, 1.2, floor: 0.07));
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), 1.08, 1.2, floor: 0.07));
        Assert.Equal(Verdict.Refuted, Judge(new GreaterRule(), 0.94, 0.99));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), 0.94, 0.99, floor: 0.07));
        Assert.Equal(Verdict.Refuted, Judge(new GreaterRule(), 0.8, 0.93, floor: 0.07));
        // EQ, f = 30 %: refuted only outside [1/1.3, 1.3] = [0.769, 1.3]
        Assert.Equal(Verdict.Refuted, Judge(new EqualRule(), 1.26, 1.5));
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), 1.26, 1.5, floor: 0.30));
        Assert.Equal(Verdict.Refuted, Judge(new EqualRule(), 1.31, 1.5, floor: 0.30));
        // POINT 1.7, f = 30 %: exceeded only above 1.3 · 1.7 = 2.21, refuted only below 1.7/1.3 = 1.308
        Assert.Equal(Verdict.Exceeded, Judge(new PointRule(1.7), 2.0, 2.1));
        Assert.Equal(Verdict.Inconclusive, Judge(new PointRule(1.7), 2.0, 2.1, floor: 0.30));
        Assert.Equal(Verdict.Exceeded, Judge(new PointRule(1.7), 2.22, 2.5, floor: 0.30));
        Assert.Equal(Verdict.Inconclusive, Judge(new PointRule(1.7), 1.31, 1.44, floor: 0.30));
        Assert.Equal(Verdict.Refuted, Judge(new PointRule(1.7), 1.1, 1.3, floor: 0.30));
        // RANGE [2, 3], f = 30 %: refuted only below 2/1.3 = 1.538, exceeded only above 3.9
        Assert.Equal(Verdict.Refuted, Judge(new RangeRule(2, 3), 1.2, 1.9));
        Assert.Equal(Verdict.Inconclusive, Judge(new RangeRule(2, 3), 1.2, 1.9, floor: 0.30));
        Assert.Equal(Verdict.Refuted, Judge(new RangeRule(2, 3), 1.2, 1.5, floor: 0.30));
        Assert.Equal(Verdict.Inconclusive, Judge(new RangeRule(2, 3), 3.01, 3.8, floor: 0.30));
        Assert.Equal(Verdict.Exceeded, Judge(new RangeRule(2, 3), 3.95, 4.5, floor: 0.30));
        // at least 0.8, f = 30 %: confirmed from 1.04, refuted below 0.615
        Assert.Equal(Verdict.Inconclusive, Judge(new AtLeastRule(0.8, false, 1), 0.8, 1.3, floor: 0.30));
        Assert.Equal(Verdict.Confirmed, Judge(new AtLeastRule(0.8, false, 1), 1.05, 1.3, floor: 0.30));
        Assert.Equal(Verdict.Inconclusive, Judge(new AtLeastRule(0.8, false, 1), 0.6, 0.79, floor: 0.30));
        Assert.Equal(Verdict.Refuted, Judge(new AtLeastRule(0.8, false, 1), 0.5, 0.6, floor: 0.30));
    }

    [Theory]
    // rule, interval, the widest floor that still gives the "within" verdict, and that verdict
    [InlineData("gt", 0.96, 1.04, 0.05, Verdict.Refuted)]      // no meaningful difference: ±5 %
    [InlineData("eq", 0.9, 1.1, 0.25, Verdict.Confirmed)]      // ±25 %
    [InlineData("point", 0.45, 0.55, 0.15, Verdict.Confirmed)] // POINT 0.5: ±15 %
    [InlineData("range", 2.2, 2.8, 0.2247, Verdict.Confirmed)] // RANGE [2, 3]: √1.5 − 1 = 22.47 %
    public void A_floor_wider_than_a_band_gives_no_verdict_within_it(string kind, double lower, double upper, double widest, Verdict within)
    {
        ClaimRule rule = kind switch { "gt" => new GreaterRule(), "eq" => new EqualRule(), "point" => new PointRule(0.5), _ => new RangeRule(2, 3) };
        Assert.Equal(within, Judge(rule, lower, upper));
        Assert.Equal(within, Judge(rule, lower, upper, floor: widest));
        var held = ClaimRules.Judge(rule, lower, upper, new Thresholds(widest + 0.01), 1);
        Assert.Equal(Verdict.Inconclusive, held.Verdict);
        Assert.Contains("this run cannot tell", held.Reason);
    }

    [Fact]
    public void A_floor_over_100_percent_confirms_no_equality_and_refutes_no_difference()
    {
        // f = 1.297: the A/A arms of one default run here (aspnet-minimal /plaintext) were up to 2.297× apart. Its verdicts
        // under the old widening, each now held back:
        var t = new Thresholds(1.297);
        Assert.Equal(1 / 2.297, t.OtherWayBelow, 9);
        var (low, high) = t.PointRefutedOutside(0.5);
        Assert.Equal(0.5 / 2.297, low, 9);                                   // 1 − f gave −0.149 once
        Assert.Equal(0.5 * 2.297, high, 9);
        // rust/node mean latency [0.251, 0.756] for "half": was confirmed, though 1 was inside the widened band
        Assert.Equal(Verdict.Inconclusive, Judge(new PointRule(0.5), 0.251, 0.756, floor: 1.297));
        // go/node req/s at 10,000 connections [0.999, 1.093] for "greater": was refuted as "no meaningful difference"
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), 0.999, 1.093, floor: 1.297));
        // a ratio of 2 for "equal": was confirmed by the band [0.435, 2.297]
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), 0.5, 2.0, floor: 1.297));
        // far enough out, the differences still show
        Assert.Equal(Verdict.Refuted, Judge(new PointRule(0.5), 0.1, 0.2, floor: 1.297));
        Assert.Equal(Verdict.Exceeded, Judge(new PointRule(0.5), 1.2, 1.3, floor: 1.297));
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), 2.4, 3.0, floor: 1.297));
        Assert.Equal(Verdict.Refuted, Judge(new EqualRule(), 2.4, 3.0, floor: 1.297));
    }

    [Fact]
    public void A_floor_within_a_rules_own_tolerance_leaves_its_edges_as_the_catalog_gives_them()
    {
        var t = new Thresholds(0.02);
        Assert.Equal((1.05, (0.95, 1.05), (0.8, 1.25), (0.8, 1.25)), (t.GreaterAbove, t.NoDifference, t.Equal, t.EqualRefutedOutside));
        Assert.Equal((0.85 * 2, 1.15 * 2), t.Point(2));
        Assert.Equal((0.85 * 2, 1.15 * 2), t.PointRefutedOutside(2));
    }
}
