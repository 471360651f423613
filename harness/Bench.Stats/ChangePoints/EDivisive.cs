namespace Bench.Stats.ChangePoints;

/// <summary>
/// The parameters of <see cref="EDivisive"/>; the defaults are what `bench history` uses (README, "bench history").
/// </summary>
/// <param name="MinSegment">the fewest runs a segment may have on either side of a change: a change is reported only
/// once this many runs after it confirm it (3: a nightly regression shows on the third night)</param>
/// <param name="Permutations">how many shuffles of the segment the observed statistic is ranked among (R in ecp)</param>
/// <param name="SignificanceLevel">the largest permutation p-value that counts as a change; 0.01 with 499 shuffles keeps
/// the chance of a false change in a flat segment at 1 %</param>
/// <param name="Seed">the shuffles' seed: the same history always gives the same changes</param>
public sealed record EDivisiveOptions(int MinSegment = 3, int Permutations = 499, double SignificanceLevel = 0.01, int Seed = 2014);

/// <summary>A change between index − 1 and index: <see cref="Index"/> is the first point after it.</summary>
/// <param name="Before">the median of the segment that ends at the change (from the previous change, or the start)</param>
/// <param name="After">the median of the segment that starts at it (up to the next change, or the end)</param>
public sealed record ChangePoint(int Index, double PValue, double Before, double After)
{
    /// <summary>After ÷ before: the change's size (0.7 = 30 % lower).</summary>
    public double Ratio => After / Before;
}

/// <summary>
/// E-divisive means (Matteson &amp; James 2014, "A nonparametric approach for multiple change point analysis of
/// multivariate data", JASA; R package ecp; the method MongoDB's and Apache Otava's (Hunter's) performance CI started
/// from). For a split of a segment into X (before τ) and Y (from τ), the energy statistic
///   Q(τ) = mn/(m+n) · [ 2/(mn) Σ|xᵢ − yⱼ| − Σ_{i&lt;k}|xᵢ − xₖ| / C(m,2) − Σ_{j&lt;k}|yⱼ − yₖ| / C(n,2) ]
/// (exponent α = 1) measures how far apart the two sides' distributions are, with everything on both sides as
/// evidence; the τ that maximises it is the candidate. It is kept when the segment's values, shuffled, rarely give a
/// maximum as large (a permutation test: no distribution assumed, no fixed threshold on the size of a change), and
/// then both halves are searched again (binary segmentation, each segment tested on its own).
/// Hand-written: no .NET library implements it (there is no change-point package on NuGet), and it is thirty lines.
/// Each test costs O(L²) per shuffle for a segment of L points, so a few hundred nightly runs take well under a second.
/// </summary>
public static class EDivisive
{
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> series, EDivisiveOptions? options = null)
    {
        options ??= new EDivisiveOptions();
        if (options.MinSegment < 2) throw new ArgumentOutOfRangeException(nameof(options), options.MinSegment, "MinSegment must be at least 2 (a side's spread needs two points)");
        if (series.Any(v => !double.IsFinite(v))) throw new ArgumentException("the series must be finite numbers", nameof(series));
        var random = new Random(options.Seed);
        var found = new List<(int Index, double PValue)>();
        Split(series.ToArray(), 0, series.Count, options, random, found);

        var cuts = found.Select(f => f.Index).Order().ToList();
        return found.OrderBy(f => f.Index).Select(f =>
        {
            var i = cuts.IndexOf(f.Index);
            var start = i == 0 ? 0 : cuts[i - 1];
            var end = i == cuts.Count - 1 ? series.Count : cuts[i + 1];
            return new ChangePoint(f.Index, f.PValue, SampleMedian.Of(series.Take(f.Index).Skip(start)), SampleMedian.Of(series.Take(end).Skip(f.Index)));
        }).ToList();
    }

    private static void Split(double[] series, int start, int end, EDivisiveOptions options, Random random, List<(int, double)> found)
    {
        if (end - start < 2 * options.MinSegment) return;
        var segment = series[start..end];
        var (tau, observed) = Best(segment, options.MinSegment);
        if (!(observed > 0)) return; // a constant segment: nothing to split

        // p = (1 + shuffles at least as extreme) / (1 + shuffles); stop as soon as it can no longer reach the level.
        var atLeast = 0;
        var allowed = options.SignificanceLevel * (options.Permutations + 1) - 1;
        var shuffled = (double[])segment.Clone();
        for (var r = 0; r < options.Permutations && atLeast <= allowed; r++)
        {
            random.Shuffle(shuffled);
            if (Best(shuffled, options.MinSegment).Q >= observed) atLeast++;
        }
        var p = (1.0 + atLeast) / (options.Permutations + 1);
        if (atLeast > allowed || p > options.SignificanceLevel) return;
        found.Add((start + tau, p));
        Split(series, start, start + tau, options, random, found);
        Split(series, start + tau, end, options, random, found);
    }

    /// <summary>
    /// The split τ (first index of Y) with the largest Q, over τ in [minSegment, L − minSegment]. The three distance
    /// sums are updated as each point moves from Y to X, so all splits together cost O(L²).
    /// </summary>
    internal static (int Tau, double Q) Best(double[] z, int minSegment)
    {
        var length = z.Length;
        double withinX = 0, withinY = 0, between = 0;
        for (var i = 0; i < length; i++)
            for (var j = i + 1; j < length; j++)
                withinY += Math.Abs(z[i] - z[j]);
        var (bestTau, bestQ) = (-1, double.NegativeInfinity);
        for (var tau = 0; tau < length - minSegment; tau++)
        {
            // point tau moves from Y to X: its distances to X's points join X, its distances to the rest of Y leave Y
            double toX = 0, toY = 0;
            for (var i = 0; i < tau; i++) toX += Math.Abs(z[i] - z[tau]);
            for (var j = tau + 1; j < length; j++) toY += Math.Abs(z[tau] - z[j]);
            withinX += toX;
            withinY -= toY;
            between += toY - toX;
            var split = tau + 1;
            if (split < minSegment) continue;
            double m = split, n = length - split;
            var e = 2 * between / (m * n) - withinX / (m * (m - 1) / 2) - withinY / (n * (n - 1) / 2);
            var q = m * n / (m + n) * e;
            if (q > bestQ) (bestTau, bestQ) = (split, q);
        }
        return (bestTau, bestQ);
    }
}
