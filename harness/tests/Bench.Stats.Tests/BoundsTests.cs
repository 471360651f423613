using Bench.Stats.Bounds;

namespace Bench.Stats.Tests;

/// <summary>The bounds against R's values (<see cref="ReferenceValues"/>).</summary>
public sealed class BoundsTests
{
    public static TheoryData<string> RatioCases() => [.. ReferenceValues.Ratios.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(RatioCases))]
    public void Ratio_bounds_equal_wilcox_test_on_the_logs(string name)
    {
        var c = ReferenceValues.Ratios.Single(r => r.Name == name);
        var r = RatioBounds.Of(c.X, c.Y);
        Assert.Equal(c.Lower, r.Lower!.Value, 1e-12);
        Assert.Equal(c.Upper, r.Upper!.Value, 1e-12);
        Assert.Equal(c.Coverage, r.Confidence!.Value, 1e-12);
        Assert.Equal((c.X.Length, c.Y.Length), (r.N, r.M));
        // Odd m·n: the same median pair; even m·n (10 × 10): arithmetic vs geometric mean of the two middle ratios.
        var tolerance = c.X.Length * c.Y.Length % 2 == 1 ? 1e-12 : 1e-3;
        Assert.Equal(c.ExpOfREstimate, r.Estimate, tolerance);
    }

    [Fact]
    public void The_estimate_is_the_median_of_pairwise_ratios_x_over_y()
    {
        // 3 × 3 pairwise ratios of {2, 4, 8} / {1, 2, 4}: 0.5 1 1 2 2 2 4 4 8 → median 2.
        var r = RatioBounds.Of([2, 4, 8], [1, 2, 4]);
        Assert.Equal(2, r.Estimate, 1e-12);
        Assert.Equal(0.5, RatioBounds.Of([1, 2, 4], [2, 4, 8]).Estimate, 1e-12);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(5, 3)]
    [InlineData(1, 1)]
    public void Fewer_than_four_trials_on_either_side_give_no_bounds_and_say_why(int n, int m)
    {
        var r = RatioBounds.Of(Enumerable.Range(1, n).Select(i => 10.0 + i).ToList(), Enumerable.Range(1, m).Select(i => 5.0 + i).ToList());
        Assert.False(r.HasBounds);
        Assert.Null(r.Upper);
        Assert.Null(r.Confidence);
        Assert.Contains("at least 4", r.NoBoundsReason);
        Assert.True(r.Estimate > 1);
    }

    [Fact]
    public void Ties_keep_the_order_statistics_and_identical_trials_give_a_point_interval()
    {
        var r = RatioBounds.Of([20, 20, 20, 20, 20], [10, 10, 10, 10, 10]);
        Assert.Equal((2.0, 2.0, 2.0), (r.Estimate, r.Lower!.Value, r.Upper!.Value));
        // With some ties: still the 3rd and 23rd of the 25 sorted log differences (k = 3 for 5 and 5).
        double[] x = [4, 4, 5, 6, 6], y = [2, 2, 2, 3, 3];
        var d = x.SelectMany(a => y.Select(b => Math.Log(a) - Math.Log(b))).Order().ToArray();
        var tied = RatioBounds.Of(x, y);
        Assert.Equal(Math.Exp(d[2]), tied.Lower!.Value, 1e-12);
        Assert.Equal(Math.Exp(d[22]), tied.Upper!.Value, 1e-12);
    }

    [Fact]
    public void Non_positive_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RatioBounds.Of([1, 2, 0, 3], [1, 2, 3, 4]));
    }

    [Fact]
    public void Rank_sum_order_statistics_equal_qwilcox_and_pwilcox()
    {
        foreach (var (m, n, k, coverage) in ReferenceValues.RankSum)
        {
            var got = RankSumDistribution.OrderStatistic(m, n, 0.95);
            Assert.True(got is not null, $"{m}×{n}");
            Assert.Equal(k, got.Value.K);
            Assert.Equal(coverage, got.Value.Coverage, 1e-12);
        }
        Assert.Null(RankSumDistribution.OrderStatistic(4, 3, 0.95));
    }

    [Fact]
    public void Rank_sum_counts_cover_every_arrangement_symmetrically()
    {
        var counts = RankSumDistribution.Counts(5, 7);
        Assert.Equal(36, counts.Length);      // U = 0..35
        Assert.Equal(792, counts.Sum());      // C(12, 5)
        Assert.Equal(counts, counts.Reverse()); // U and mn − U are equally likely
        Assert.Equal([1, 1, 2, 3, 5], counts.Take(5)); // partitions of u into ≤ 5 parts ≤ 7
    }

    [Fact]
    public void Sign_test_order_statistics_equal_qbinom_and_pbinom()
    {
        foreach (var (n, k, coverage) in ReferenceValues.Sign)
        {
            var got = SignTestDistribution.OrderStatistic(n, 0.95);
            Assert.True(got is not null, $"n={n}");
            Assert.Equal(k, got.Value.K);
            Assert.Equal(coverage, got.Value.Coverage, 1e-12);
        }
        Assert.Null(SignTestDistribution.OrderStatistic(5, 0.95));
    }

    [Fact]
    public void Median_bounds_equal_the_order_statistics_R_picks()
    {
        var r = MedianBounds.Of(ReferenceValues.MedianSample);
        Assert.Equal(ReferenceValues.Median, r.Estimate, 1e-12);
        Assert.Equal(ReferenceValues.MedianLower, r.Lower!.Value, 1e-12);
        Assert.Equal(ReferenceValues.MedianUpper, r.Upper!.Value, 1e-12);
        Assert.Equal(0.978515625, r.Confidence!.Value, 1e-12);
        Assert.Equal((10, 0), (r.N, r.M));
    }

    [Theory]
    [InlineData(3, "at least 4")]
    [InlineData(5, "6 do")]
    public void A_median_of_too_few_trials_gets_no_bounds(int n, string why)
    {
        var r = MedianBounds.Of(Enumerable.Range(1, n).Select(i => (double)i).ToList());
        Assert.False(r.HasBounds);
        Assert.Contains(why, r.NoBoundsReason);
    }

    [Theory]
    // 2·(1/2)ⁿ outside [x₍1₎, x₍n₎]: 6.3 % for 5, 3.1 % for 6; 2/C(2n, n) outside the extreme ratios: 10 % for 3 against 3, 2.9 % for 4
    [InlineData(0.95, 6, 4)]
    // 90 %: 2/32 = 6.3 % for 5 trials (4: 12.5 %); a ratio never has fewer than BoundedEstimate.MinTrials, 4
    [InlineData(0.90, 5, 4)]
    // 99 %: 2/256 = 0.78 % for 8 (7: 1.6 %); 2/252 = 0.79 % for 5 against 5 (4 against 4: 2.9 %)
    [InlineData(0.99, 8, 5)]
    public void The_fewest_trials_for_a_bound_are_where_the_extreme_order_statistics_first_cover(double confidence, int median, int ratio) =>
        Assert.Equal((median, ratio), (MedianBounds.FewestTrials(confidence), RatioBounds.FewestTrials(confidence)));
}
