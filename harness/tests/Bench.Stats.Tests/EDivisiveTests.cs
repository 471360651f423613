using Bench.Stats.ChangePoints;

namespace Bench.Stats.Tests;

/// <summary>Change points on series whose changes are known.</summary>
public sealed class EDivisiveTests
{
    /// <summary>Normal noise (Box–Muller) from a fixed seed: the same series every time.</summary>
    private static List<double> Noisy(int count, double mean, double sd, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
            mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_step_is_found_at_its_first_point_with_its_size(int seed)
    {
        // 20 nightly runs near 10 000 req/s (2 % noise), then 15 near 7 000: a 30 % drop from run 20 on.
        var series = Noisy(20, 10_000, 200, seed).Concat(Noisy(15, 7_000, 140, seed + 100)).ToList();
        var change = Assert.Single(EDivisive.Detect(series));
        Assert.Equal(20, change.Index);
        Assert.Equal(0.7, change.Ratio, 0.03);
        Assert.True(change.PValue <= 0.01);
    }

    [Fact]
    public void Two_steps_are_both_found_and_sized_against_their_neighbours()
    {
        var series = Noisy(12, 100, 2, 7).Concat(Noisy(12, 120, 2, 8)).Concat(Noisy(12, 90, 2, 9)).ToList();
        var changes = EDivisive.Detect(series);
        Assert.Equal([12, 24], changes.Select(c => c.Index));
        Assert.Equal(1.2, changes[0].Ratio, 0.04);
        Assert.Equal(0.75, changes[1].Ratio, 0.04);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void A_flat_noisy_series_has_no_change(int seed) =>
        Assert.Empty(EDivisive.Detect(Noisy(40, 10_000, 500, seed)));

    [Fact]
    public void A_constant_series_and_one_too_short_to_split_have_none()
    {
        Assert.Empty(EDivisive.Detect(Enumerable.Repeat(5.0, 20).ToList()));
        Assert.Empty(EDivisive.Detect([1, 1, 1, 9, 9])); // fewer than 2 × MinSegment points
    }

    [Fact]
    public void The_statistic_peaks_at_the_step()
    {
        // A clean step: Q is largest where the two sides part.
        double[] series = [1, 1, 1, 1, 5, 5, 5, 5];
        Assert.Equal(4, EDivisive.Best(series, 2).Tau);
        // Independently: at τ = 4, between-sum 16·4 = 64 → 2·64/16 = 8, within sums 0 → Q = 16/8 · 8 = 16.
        Assert.Equal(16, EDivisive.Best(series, 2).Q, 1e-9);
    }

    [Fact]
    public void The_same_series_gives_the_same_answer() =>
        Assert.Equal(EDivisive.Detect(Noisy(30, 50, 5, 3).Concat(Noisy(10, 60, 5, 4)).ToList()),
            EDivisive.Detect(Noisy(30, 50, 5, 3).Concat(Noisy(10, 60, 5, 4)).ToList()));
}
