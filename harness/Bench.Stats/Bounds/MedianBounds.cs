namespace Bench.Stats.Bounds;

/// <summary>
/// One target's median and its distribution-free bounds [x₍k₎, x₍n+1−k₎] from the sign test (binomial(n, ½)):
/// what ABS rules ("p99 &lt; 1 ms") are judged on. Below 6 trials no 95 % interval of this kind exists.
/// </summary>
public static class MedianBounds
{
    /// <summary>The fewest trials for which a bound at <paramref name="confidence"/> exists (6 at 95 %: 2/64 = 3.1 %
    /// of sign-test outcomes fall outside [x₍1₎, x₍6₎]; with 5 it is 2/32 = 6.3 %).</summary>
    public static int FewestTrials(double confidence = BoundedEstimate.DefaultConfidence) =>
        Enumerable.Range(1, 100).First(n => SignTestDistribution.OrderStatistic(n, confidence) is not null);

    public static BoundedEstimate Of(IReadOnlyList<double> x, double confidence = BoundedEstimate.DefaultConfidence)
    {
        if (x.Count == 0) throw new ArgumentException("the sample needs at least one value");
        var sorted = x.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        if (sorted.Length < BoundedEstimate.MinTrials)
            return new(median, null, null, null, sorted.Length, 0, $"{sorted.Length} trials: a 95 % bound needs at least {BoundedEstimate.MinTrials}");
        if (SignTestDistribution.OrderStatistic(sorted.Length, confidence) is not { } order)
            return new(median, null, null, null, sorted.Length, 0, $"{sorted.Length} trials allow no {confidence:P0} distribution-free bound of a median (6 do)");
        var (k, coverage) = order;
        return new(median, sorted[k - 1], sorted[^k], coverage, sorted.Length, 0, null);
    }
}
