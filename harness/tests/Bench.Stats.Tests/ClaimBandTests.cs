using Bench.Core.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

/// <summary>
/// The band a chart draws is what the rule confirms: an interval inside it is confirmed, one reaching past an edge is not;
/// a "within" band narrower than the noise floor is still drawn (it is the claim), and nothing inside it is confirmed.
/// </summary>
public sealed class ClaimBandTests
{
    public static TheoryData<ClaimRule, double, bool> Rules => new()
    {
        { new RangeRule(2, 3), 0, true },
        { new RangeRule(2, 3), 0.2, true },
        { new RangeRule(2, 3), 0.35, false },
        { new PointRule(1.7), 0, true },
        { new PointRule(1.7), 0.35, false },
        { new GreaterRule(), 0, true },
        { new GreaterRule(), 0.35, true },
        { new EqualRule(), 0, true },
        { new EqualRule(), 0.2, true },
        { new EqualRule(), 0.35, false },
        { new AtLeastRule(0.7, PerTargetCore: true, MinTargetCores: 2), 0, true },
        { new AtLeastRule(0.7, PerTargetCore: true, MinTargetCores: 2), 0.35, true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void An_interval_inside_the_band_is_confirmed_and_one_past_its_low_edge_is_not(ClaimRule rule, double floor, bool resolved)
    {
        const int cores = 2;
        var thresholds = new Thresholds(floor);
        var (low, high) = ClaimBand.Of(rule, thresholds, cores)!.Value;
        var top = double.IsPositiveInfinity(high) ? low * 10 : high;
        Assert.Equal(resolved ? Verdict.Confirmed : Verdict.Inconclusive, ClaimRules.Judge(rule, low * 1.001, top / 1.001, thresholds, cores).Verdict);
        Assert.NotEqual(Verdict.Confirmed, ClaimRules.Judge(rule, low * 0.98, top / 1.001, thresholds, cores).Verdict);
        if (!double.IsPositiveInfinity(high))
            Assert.NotEqual(Verdict.Confirmed, ClaimRules.Judge(rule, low * 1.001, high * 1.02, thresholds, cores).Verdict);
    }

    [Fact]
    public void An_absolute_rule_has_no_ratio_band() =>
        Assert.Null(ClaimBand.Of(new AbsoluteRule(Comparison.Below, 1), new Thresholds(), 1));
}
