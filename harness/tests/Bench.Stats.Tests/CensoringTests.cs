using Bench.Core.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

/// <summary>
/// A censored numerator (its throughput only a lower bound) leaves L trustworthy and U not; a censored
/// denominator the reverse. Each rule keeps exactly the conclusions the trustworthy side supports.
/// </summary>
public sealed class CensoringTests
{
    private static Verdict Judge(ClaimRule rule, Censoring censoring, double lower, double upper)
    {
        var (l, u) = censoring.Sound(lower, upper);
        return ClaimRules.Judge(rule, l, u, new Thresholds(), 1).Verdict;
    }

    [Fact]
    public void Censored_numerator_can_show_exceeded_but_never_confirm_a_range_nor_refute_it()
    {
        var range = new RangeRule(2, 3);
        Assert.Equal(Verdict.Exceeded, Judge(range, Censoring.Numerator, 3.5, 4.2));        // truly even larger
        Assert.Equal(Verdict.Inconclusive, Judge(range, Censoring.Numerator, 2.2, 2.8));    // could truly be above 3
        Assert.Equal(Verdict.Inconclusive, Judge(range, Censoring.Numerator, 1.2, 1.5));    // could truly be within
        Assert.Equal(Verdict.Confirmed, Judge(range, Censoring.None, 2.2, 2.8));
        Assert.Equal(Verdict.Refuted, Judge(range, Censoring.None, 1.2, 1.5));
    }

    [Fact]
    public void Censored_numerator_can_confirm_at_least_statements_never_refute_them()
    {
        Assert.Equal(Verdict.Confirmed, Judge(new GreaterRule(), Censoring.Numerator, 1.2, 1.4));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), Censoring.Numerator, 0.7, 0.9));
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), Censoring.Numerator, 0.97, 1.03));
        Assert.Equal(Verdict.Confirmed, Judge(new AtLeastRule(0.8, false, 1), Censoring.Numerator, 0.9, 1.1));
        Assert.Equal(Verdict.Inconclusive, Judge(new AtLeastRule(0.8, false, 1), Censoring.Numerator, 0.5, 0.7));
    }

    [Fact]
    public void Censored_denominator_can_refute_at_least_statements_never_confirm_them()
    {
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), Censoring.Denominator, 1.2, 1.4)); // could truly be ≤ 1
        Assert.Equal(Verdict.Refuted, Judge(new GreaterRule(), Censoring.Denominator, 0.7, 0.9));      // truly even smaller
        Assert.Equal(Verdict.Inconclusive, Judge(new GreaterRule(), Censoring.Denominator, 0.97, 1.03)); // the band needs L
        Assert.Equal(Verdict.Refuted, Judge(new AtLeastRule(0.8, false, 1), Censoring.Denominator, 0.5, 0.7));
        Assert.Equal(Verdict.Refuted, Judge(new RangeRule(2, 3), Censoring.Denominator, 1.2, 1.5));
        Assert.Equal(Verdict.Inconclusive, Judge(new RangeRule(2, 3), Censoring.Denominator, 3.5, 4.2)); // could truly be within
    }

    [Fact]
    public void Equality_can_only_be_refuted_on_the_trustworthy_side_and_never_confirmed()
    {
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), Censoring.Numerator, 0.9, 1.1));
        Assert.Equal(Verdict.Refuted, Judge(new EqualRule(), Censoring.Numerator, 1.3, 1.5));
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), Censoring.Numerator, 0.5, 0.7));
        Assert.Equal(Verdict.Refuted, Judge(new EqualRule(), Censoring.Denominator, 0.5, 0.7));
        Assert.Equal(Verdict.Inconclusive, Judge(new EqualRule(), Censoring.Denominator, 1.3, 1.5));
    }

    [Fact]
    public void Censored_on_both_sides_nothing_is_concluded()
    {
        foreach (var rule in new ClaimRule[] { new RangeRule(2, 3), new GreaterRule(), new EqualRule(), new AtLeastRule(1, false, 1) })
            foreach (var (l, u) in new[] { (0.5, 0.7), (0.95, 1.02), (2.2, 2.8), (5.0, 6.0) })
                Assert.Equal(Verdict.Inconclusive, Judge(rule, Censoring.Numerator | Censoring.Denominator, l, u));
    }
}
