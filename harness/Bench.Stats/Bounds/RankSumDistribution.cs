namespace Bench.Stats.Bounds;

/// <summary>
/// The exact null distribution of the Mann–Whitney statistic U (pairs with x &gt; y) for samples of sizes m and n,
/// and the order statistic k it gives the distribution-free shift interval [d₍k₎, d₍mn+1−k₎] (Hodges–Lehmann,
/// Bauer 1972; R's wilcox.test(conf.int = TRUE, exact = TRUE) takes k = qwilcox(α/2, m, n)).
/// </summary>
public static class RankSumDistribution
{
    /// <summary>Beyond this the exact table grows as m·n·mn; trials per cell stay far below it.</summary>
    public const int MaxSize = 100;

    /// <summary>
    /// Counts c(u) of the C(m+n, m) equally likely arrangements with U = u, by the recurrence on the largest of
    /// the m+n values: it is an x (beating all n y's: c(u−n; m−1, n)) or a y (c(u; m, n−1)). Only additions of
    /// positive numbers, so doubles keep full relative precision even where counts reach 10²⁹ (m = n = 50).
    /// </summary>
    public static double[] Counts(int m, int n)
    {
        if (m < 1 || n < 1 || m > MaxSize || n > MaxSize)
            throw new ArgumentOutOfRangeException(nameof(m), $"sample sizes must be 1..{MaxSize} (got {m} and {n})");
        // previous[j] = counts for (i − 1, j); row i built in increasing j from current[j − 1].
        var previous = Enumerable.Range(0, n + 1).Select(_ => new double[] { 1 }).ToArray(); // i = 0: U = 0 only
        for (var i = 1; i <= m; i++)
        {
            var current = new double[n + 1][];
            current[0] = [1]; // no y's: U = 0 only
            for (var j = 1; j <= n; j++)
            {
                var c = new double[i * j + 1];
                var fromX = previous[j];          // largest is an x: U shifts by j
                for (var u = 0; u < fromX.Length; u++) c[u + j] += fromX[u];
                var fromY = current[j - 1];       // largest is a y: U unchanged
                for (var u = 0; u < fromY.Length; u++) c[u] += fromY[u];
                current[j] = c;
            }
            previous = current;
        }
        return previous[n];
    }

    /// <summary>
    /// k = the smallest u with P(U ≤ u) ≥ α/2 (as R's qwilcox), and the coverage 1 − 2·P(U ≤ k − 1) the interval
    /// [d₍k₎, d₍mn+1−k₎] achieves. Null when k would be 0: no interval at this confidence exists for these sizes.
    /// </summary>
    public static (int K, double Coverage)? OrderStatistic(int m, int n, double confidence) =>
        LowerTail.OrderStatistic(Counts(m, n), confidence);
}

/// <summary>The shared step of both distribution-free intervals: from a symmetric null distribution to k.</summary>
internal static class LowerTail
{
    /// <summary>DBL_EPSILON (C#'s double.Epsilon is the smallest denormal instead).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static (int K, double Coverage)? OrderStatistic(IReadOnlyList<double> weights, double confidence)
    {
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "must be in (0, 1)");
        var total = weights.Sum();
        var halfAlpha = (1 - confidence) / 2;
        // As R's qwilcox: α/2 lowered by 10 machine epsilons, so a tail probability equal to α/2 but for rounding counts as reaching it.
        var target = halfAlpha - 10 * MachineEpsilon;
        double below = 0; // P(U ≤ k − 1)
        for (var k = 0; k < weights.Count; k++)
        {
            var atOrBelow = below + weights[k] / total;
            if (atOrBelow >= target) return k == 0 ? null : (k, 1 - 2 * below);
            below = atOrBelow;
        }
        return null;
    }
}
