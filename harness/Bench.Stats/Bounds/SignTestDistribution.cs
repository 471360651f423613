namespace Bench.Stats.Bounds;

/// <summary>
/// The sign-test (binomial(n, ½)) order statistic for the distribution-free interval of a median,
/// [x₍k₎, x₍n+1−k₎]: it misses the median only when k − 1 or fewer values fall on one side.
/// </summary>
public static class SignTestDistribution
{
    public const int MaxSize = 1000; // 0.5^n stays a normal double

    /// <summary>k = the smallest q with P(B ≤ q) ≥ α/2 (as R's qbinom) and the achieved coverage; null when k would be 0.</summary>
    public static (int K, double Coverage)? OrderStatistic(int n, double confidence)
    {
        if (n < 1 || n > MaxSize) throw new ArgumentOutOfRangeException(nameof(n), n, $"must be 1..{MaxSize}");
        var p = new double[n + 1];
        p[0] = Math.Pow(0.5, n);
        for (var q = 0; q < n; q++) p[q + 1] = p[q] * (n - q) / (q + 1);
        return LowerTail.OrderStatistic(p, confidence);
    }
}
