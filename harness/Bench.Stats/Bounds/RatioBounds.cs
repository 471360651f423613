using Pragmastat;

namespace Bench.Stats.Bounds;

/// <summary>
/// How many times larger x is than y: the Hodges–Lehmann ratio (median of all xᵢ/yⱼ, Pragmastat's Ratio) and the
/// distribution-free bounds exp(d₍k₎), exp(d₍mn+1−k₎) over the sorted differences dᵢⱼ = log xᵢ − log yⱼ, k from the
/// exact Mann–Whitney distribution (<see cref="RankSumDistribution"/>). Ties are allowed: the bounds stay the same
/// order statistics (a closed interval, so its coverage is at least the one stated); R's wilcox.test switches to a
/// normal approximation instead.
/// </summary>
public static class RatioBounds
{
    /// <summary>The fewest trials of each side for which a bound at <paramref name="confidence"/> exists (4 at 95 %:
    /// 4 against 4 leaves 2/70 = 2.9 % outside the extreme ratios; 3 against 3 leaves 10 %).</summary>
    public static int FewestTrials(double confidence = BoundedEstimate.DefaultConfidence) =>
        Enumerable.Range(BoundedEstimate.MinTrials, 100).First(n => RankSumDistribution.OrderStatistic(n, n, confidence) is not null);

    public static BoundedEstimate Of(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = BoundedEstimate.DefaultConfidence)
    {
        if (x.Count == 0 || y.Count == 0) throw new ArgumentException("both samples need at least one value");
        if (x.Concat(y).Any(v => !(v > 0) || !double.IsFinite(v))) throw new ArgumentException("a ratio needs positive, finite values");
        var estimate = (double)Toolkit.Ratio(new Sample([.. x]), new Sample([.. y]));
        if (x.Count < BoundedEstimate.MinTrials || y.Count < BoundedEstimate.MinTrials)
            return new(estimate, null, null, null, x.Count, y.Count,
                $"{x.Count} and {y.Count} trials: a 95 % bound needs at least {BoundedEstimate.MinTrials} of each");
        if (RankSumDistribution.OrderStatistic(x.Count, y.Count, confidence) is not { } order)
            return new(estimate, null, null, null, x.Count, y.Count, $"{x.Count} and {y.Count} trials allow no {confidence:P0} distribution-free bound");
        var (k, coverage) = order;

        // exp(d₍k₎) is the k-th smallest ratio xᵢ/yⱼ (log is monotone): sorting the ratios themselves gives the same
        // bounds without the round trip through log and exp (identical trials give exactly their ratio).
        var ratios = new double[x.Count * y.Count];
        var at = 0;
        foreach (var xi in x)
            foreach (var yj in y)
                ratios[at++] = xi / yj;
        Array.Sort(ratios);
        return new(estimate, ratios[k - 1], ratios[^k], coverage, x.Count, y.Count, null);
    }
}
