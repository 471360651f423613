using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

public sealed class VerdictAggregationTests
{
    private static Verdict Endpoints(params Verdict[] rows) => VerdictAggregation.OverEndpoints(rows.Select(v => new Judgement(v, v.ToString())).ToList()).Verdict;
    private static Verdict Parts(params Verdict[] parts) => VerdictAggregation.OverParts(parts.Select(v => new Judgement(v, v.ToString())).ToList()).Verdict;

    private const Verdict C = Verdict.Confirmed, R = Verdict.Refuted, E = Verdict.Exceeded, I = Verdict.Inconclusive, D = Verdict.Disturbed, U = Verdict.Untestable;

    [Fact]
    public void Endpoints_confirm_on_half_with_none_contradicting()
    {
        Assert.Equal(C, Endpoints(C, C, I));
        Assert.Equal(C, Endpoints(C, I));       // half
        Assert.Equal(I, Endpoints(C, I, I));    // a third is not half
        Assert.Equal(I, Endpoints(C, C, R));    // refuted on one: not confirmed, not refuted on most
        Assert.Equal(I, Endpoints(C, C, E));    // exceeded on one contradicts the range too
    }

    [Fact]
    public void Confirmed_on_half_with_an_untested_row_says_so()
    {
        // The rule: confirmed on at least half, refuted on none. The untested row stays visible in the reason.
        var j = VerdictAggregation.OverEndpoints([new(C, "a"), new(C, "b"), new(U, "scenario 'x' was not run")]);
        Assert.Equal(C, j.Verdict);
        Assert.Contains("1 untestable", j.Reason);
    }

    [Fact]
    public void Endpoints_refute_or_exceed_on_more_than_half()
    {
        Assert.Equal(R, Endpoints(R, R, C));
        Assert.Equal(I, Endpoints(R, C));       // half is not more than half
        Assert.Equal(E, Endpoints(E, E, I));
        Assert.Equal(I, Endpoints(E, R, I));
    }

    [Fact]
    public void Endpoints_untestable_or_disturbed_when_those_decide()
    {
        Assert.Equal(U, Endpoints(U, U, U));
        Assert.Equal(D, Endpoints(D, U, D));
        Assert.Equal(U, Endpoints(C, U, U));    // one confirmed of three; the two untested could decide it
        Assert.Equal(I, Endpoints(C, I, D));
    }

    [Fact]
    public void Parts_are_a_conjunction()
    {
        Assert.Equal(C, Parts(C, C));
        Assert.Equal(R, Parts(C, R));
        Assert.Equal(R, Parts(U, R));           // one false part falsifies the whole, tested or not
        Assert.Equal(U, Parts(C, U));
        Assert.Equal(D, Parts(C, D));
        Assert.Equal(E, Parts(C, E));
        Assert.Equal(I, Parts(E, I));
        Assert.Equal(I, Parts(C, I));
    }

    [Fact]
    public void A_single_row_or_part_is_its_own_verdict()
    {
        foreach (var v in Enum.GetValues<Verdict>())
        {
            Assert.Equal(v, Endpoints(v));
            Assert.Equal(v, Parts(v));
        }
    }
}
