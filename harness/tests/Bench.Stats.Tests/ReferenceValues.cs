namespace Bench.Stats.Tests;

/// <summary>
/// Values from an independent implementation: GNU R 4.2.2 (Debian bookworm's r-base-core 4.2.2.20221110-2,
/// installed with `apt-get install r-base-core`), run as `Rscript` with options(digits = 17). For each pair:
///
///   r &lt;- wilcox.test(log(x), log(y), conf.int = TRUE, exact = TRUE, conf.level = 0.95)
///   exp(r$conf.int); exp(r$estimate)
///
/// R's estimate is the median of the log differences; exp of it is the Hodges–Lehmann ratio when m·n is odd
/// (for even m·n it is the geometric mean of the two middle ratios, Pragmastat's Ratio their arithmetic mean).
/// The samples have no ties (R falls back to a normal approximation with ties).
/// </summary>
internal static class ReferenceValues
{
    public sealed record RatioCase(string Name, double[] X, double[] Y, double Lower, double Upper, double ExpOfREstimate, double Coverage);

    public static readonly RatioCase[] Ratios =
    [
        new("n5m5", [51234, 49876, 52890, 48765, 50321], [40123, 41987, 39876, 42345, 40876],
            1.1778486243948518, 1.2939132987572151, 1.2310646834328198, 0.96825396825396826),
        new("n5m7", [1210, 1185, 1302, 1250, 1167], [1001, 1098, 1153, 1040, 1122, 987, 1076],
            1.0628415300546448, 1.2259371833839909, 1.1394230769230764, 0.95202020202020199),
        new("n10m10", [20.3, 21.7, 19.8, 22.4, 20.9, 23.1, 19.2, 21.2, 20.6, 22.0], [19.9, 21.4, 18.7, 20.1, 22.8, 19.5, 20.8, 21.9, 18.9, 20.4],
            0.97058823529411786, 1.10160427807486627, 1.0371938159873288, 0.95674294745502175),
        new("twice", [101.2, 98.7, 103.5, 99.4, 100.8, 97.9], [50.3, 49.1, 51.6, 48.8, 50.9, 49.7],
            1.9463220675944333, 2.0610997963340125, 2.0048948377334743, 0.95887445887445888),
        new("n4m4", [10.5, 11.2, 9.8, 10.9], [8.1, 7.7, 8.6, 8.3],
            1.1395348837209307, 1.4545454545454541, 1.2993074415759771, 0.97142857142857142),
    ];

    /// <summary>
    /// The order statistic and the coverage it achieves, from R:
    ///   k &lt;- qwilcox(0.025, m, n); 1 - 2 * pwilcox(k - 1, m, n)
    /// (R 4.2.2's wilcox.test reports the requested conf.level, 0.95, as the interval's attribute; the achieved
    /// coverage comes from pwilcox.) For m = 4, n = 3, qwilcox gives 0: no 95 % interval exists (R's wilcox.test
    /// then takes k = 1 and an 88.6 % interval; bench prints none).
    /// </summary>
    public static readonly (int M, int N, int K, double Coverage)[] RankSum =
    [
        (4, 4, 1, 0.97142857142857142),
        (5, 5, 3, 0.96825396825396826),
        (5, 7, 6, 0.95202020202020199),
        (6, 6, 6, 0.95887445887445888),
        (10, 10, 24, 0.95674294745502175),
        (20, 20, 128, 0.9509096748106276),
        (50, 50, 966, 0.95045227640115315),
    ];

    /// <summary>
    /// The sign-test order statistic for a median's interval, from R: k &lt;- qbinom(0.025, n, 0.5);
    /// 1 - 2 * pbinom(k - 1, n, 0.5). qbinom gives 0 for n = 5: no 95 % interval.
    /// </summary>
    public static readonly (int N, int K, double Coverage)[] Sign =
    [
        (6, 1, 0.96875),
        (8, 1, 0.9921875),
        (10, 2, 0.978515625),
        (20, 6, 0.95861053466796875),
        (50, 18, 0.96716086243573141),
    ];

    /// <summary>
    /// A median's interval, from R: x &lt;- c(...); s &lt;- sort(x); k &lt;- qbinom(0.025, 10, 0.5); c(s[k], s[10 - k + 1]); median(x)
    /// → k = 2, 0.81 and 0.99, median 0.895.
    /// </summary>
    public static readonly double[] MedianSample = [0.84, 0.91, 0.77, 1.02, 0.88, 0.95, 0.81, 0.99, 0.86, 0.93];
    public const double MedianLower = 0.81, MedianUpper = 0.99, Median = 0.895;
}
