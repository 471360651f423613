using Bench.Core.Claims;
using Bench.Stats.Comparisons;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

/// <summary>CURRENT/BASELINE verdicts: R's bounds, the threshold, the metric's direction, censoring.</summary>
public sealed class ChangeRulesTests
{
    public static TheoryData<string> RatioCases() => [.. ReferenceValues.Ratios.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(RatioCases))]
    public void The_bounds_are_wilcox_tests_on_the_logs(string name)
    {
        // CURRENT = x, BASELINE = y: the ratio's bounds are R's exp(conf.int) of wilcox.test(log x, log y).
        var c = ReferenceValues.Ratios.Single(r => r.Name == name);
        var change = ChangeRules.Judge(new(c.X), new(c.Y), Better.Higher);
        Assert.Equal(c.Lower, change.Lower!.Value, 1e-12);
        Assert.Equal(c.Upper, change.Upper!.Value, 1e-12);
        Assert.Equal(c.Coverage, change.Confidence!.Value, 1e-12);
        Assert.Equal((c.X.Length, c.Y.Length), (change.N, change.M));
    }

    [Theory]
    [InlineData("n5m5", Better.Higher, Change.Faster)]   // [1.18, 1.29]: more req/s
    [InlineData("n5m5", Better.Lower, Change.Slower)]    // the same ratio of latencies: worse
    [InlineData("twice", Better.Lower, Change.Slower)]
    [InlineData("n10m10", Better.Higher, Change.Same)]   // [0.971, 1.102] includes 1
    public void The_verdict_reads_the_interval_in_the_metrics_direction(string name, Better better, Change expected)
    {
        var c = ReferenceValues.Ratios.Single(r => r.Name == name);
        Assert.Equal(expected, ChangeRules.Judge(new(c.X), new(c.Y), better).Change);
        // Swapping the runs swaps the verdict.
        var swapped = expected switch { Change.Faster => Change.Slower, Change.Slower => Change.Faster, _ => expected };
        Assert.Equal(swapped, ChangeRules.Judge(new(c.Y), new(c.X), better).Change);
    }

    [Fact]
    public void A_run_against_itself_is_the_same()
    {
        double[] x = [100, 91, 112, 97, 104];
        var change = ChangeRules.Judge(new(x), new(x), Better.Higher);
        Assert.Equal(Change.Same, change.Change);
        Assert.Equal(1, change.Estimate!.Value, 1e-12);
        Assert.True(change.Lower <= 1 && change.Upper >= 1);
    }

    [Fact]
    public void A_significant_change_smaller_than_the_threshold_is_not_called_a_change()
    {
        double[] baseline = [1000, 1001, 1002, 1003, 1004];
        double[] current = [1020, 1021, 1022, 1023, 1024]; // +2 %, every trial above every baseline trial
        var within = ChangeRules.Judge(new(current), new(baseline), Better.Higher);
        Assert.Equal(Change.Same, within.Change);
        Assert.Contains("within 1 ± 0.05", within.Reason);
        // With a 1 % threshold it is faster: every ratio the data allow is above 1.01.
        Assert.Equal(Change.Faster, ChangeRules.Judge(new(current), new(baseline), Better.Higher, threshold: 0.01).Change);
        // Straddling the threshold: a change, but perhaps smaller than it.
        Assert.Equal(Change.Inconclusive, ChangeRules.Judge(new(current), new(baseline), Better.Higher, threshold: 0.02).Change);
    }

    [Fact]
    public void A_large_ratio_the_noise_cannot_confirm_is_inconclusive_not_same()
    {
        double[] baseline = [100, 60, 140, 80, 120];
        var current = baseline.Select(v => v * 0.7).ToList(); // −30 %, but the trials spread ±40 %
        var change = ChangeRules.Judge(new(current), new(baseline), Better.Higher);
        Assert.True(change.Lower < 1 && change.Upper > 1);
        Assert.Equal(Change.Inconclusive, change.Change);
        Assert.Contains("too noisy to tell", change.Reason);
    }

    [Fact]
    public void A_censored_side_never_decides_by_itself()
    {
        double[] baseline = [1000, 1010, 990, 1005, 995];
        double[] same = [1002, 1008, 992, 1003, 997];
        // CURRENT's req/s are lower bounds: "same" cannot be shown (it may be faster), so not comparable.
        var censored = ChangeRules.Judge(new(same, Censored: true), new(baseline), Better.Higher);
        Assert.Equal(Change.NotComparable, censored.Change);
        Assert.Equal(Censoring.Numerator, censored.Censoring);
        Assert.Contains("load generator", censored.Reason);
        // A censored CURRENT 30 % below BASELINE: its true value may be higher, so no "slower".
        var lowerBound = ChangeRules.Judge(new(same.Select(v => v * 0.7).ToList(), Censored: true), new(baseline), Better.Higher);
        Assert.Equal(Change.NotComparable, lowerBound.Change);
        // ... but 30 % above it, it is faster whatever its true value: the sound side decides.
        Assert.Equal(Change.Faster, ChangeRules.Judge(new(same.Select(v => v * 1.3).ToList(), Censored: true), new(baseline), Better.Higher).Change);
    }

    [Fact]
    public void Both_sides_at_the_load_generators_ceiling_are_the_same_ceiling_and_only_within_the_band()
    {
        double[] baseline = [1000, 1010, 990, 1005, 995];
        double[] same = [1002, 1008, 992, 1003, 997];
        // a run against itself, or two nights whose engine held the target at the same figures
        var ceiling = ChangeRules.Judge(new(same, Censored: true), new(baseline, Censored: true), Better.Higher);
        Assert.Equal((Change.Same, Censoring.Numerator | Censoring.Denominator), (ceiling.Change, ceiling.Censoring));
        Assert.Contains("ceiling", ceiling.Reason);
        // identical but spread trials (a run against itself): the interval is wider than the band, includes 1, ratio 1
        double[] spread = [900, 1100, 1000, 950, 1050];
        Assert.Equal(Change.Same, ChangeRules.Judge(new(spread, Censored: true), new(spread, Censored: true), Better.Higher).Change);
        // the ceilings differ by 30 %: the engine's figure moved, the target's is unknown either way
        Assert.Equal(Change.NotComparable, ChangeRules.Judge(new(same.Select(v => v * 0.7).ToList(), Censored: true), new(baseline, Censored: true), Better.Higher).Change);
        // 7 % apart the interval (about [0.92, 0.94]) is not within 1 ± 0.05: no longer the same ceiling, and no call either
        Assert.Equal(Change.NotComparable, ChangeRules.Judge(new(same.Select(v => v * 0.93).ToList(), Censored: true), new(baseline, Censored: true), Better.Higher).Change);
    }

    [Theory]
    [InlineData(3, 5, "3 and 5 trials: a 95 % bound needs at least 4 of each")]
    [InlineData(0, 5, "CURRENT has no trial that counts")]
    public void Too_few_trials_are_not_comparable(int n, int m, string reason)
    {
        var change = ChangeRules.Judge(new(Enumerable.Repeat(10.0, n).ToList()), new(Enumerable.Repeat(5.0, m).ToList()), Better.Higher);
        Assert.Equal(Change.NotComparable, change.Change);
        Assert.Contains(reason, change.Reason);
    }

    [Fact]
    public void Every_metric_has_a_direction()
    {
        Assert.All(Enum.GetValues<ClaimMetric>(), m => _ = m.Better());
        Assert.Equal(Better.Higher, ClaimMetric.RequestsPerSecond.Better());
        Assert.Equal(Better.Lower, ClaimMetric.P99.Better());
        Assert.Equal(Better.Lower, ClaimMetric.PeakMemory.Better());
    }
}
