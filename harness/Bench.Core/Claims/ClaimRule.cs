namespace Bench.Core.Claims;

/// <summary>
/// How a claim is judged from a measured interval (a ratio's or, for <see cref="AbsoluteRule"/>, one target's
/// median's). The rules themselves are applied in Bench.Stats (ClaimRules); these types only say which and
/// with what numbers, as the catalog wrote them.
/// </summary>
public abstract record ClaimRule
{
    /// <summary>The claimed relation in words, for tables: "in [2, 3]", "> 1", "&lt; 1 ms".</summary>
    public abstract string Describe(ClaimMetric metric);
}

/// <summary>RANGE [a, b]: the ratio lies between a and b ("2-3x faster").</summary>
public sealed record RangeRule(double Min, double Max) : ClaimRule
{
    public override string Describe(ClaimMetric metric) => $"in [{Min:0.###}, {Max:0.###}]";
}

/// <summary>POINT v: the ratio is about v, judged as RANGE [0.85 v, 1.15 v] (wider when the noise floor is).</summary>
public sealed record PointRule(double Value) : ClaimRule
{
    public override string Describe(ClaimMetric metric) => $"≈ {Value:0.###}";
}

/// <summary>GT: the numerator is meaningfully greater than the denominator (ratio above 1 + 5 %).</summary>
public sealed record GreaterRule : ClaimRule
{
    public override string Describe(ClaimMetric metric) => "> 1";
}

/// <summary>EQ: the two are practically equal (ratio within [0.8, 1.25]).</summary>
public sealed record EqualRule : ClaimRule
{
    public override string Describe(ClaimMetric metric) => "≈ 1";
}

/// <summary>
/// The ratio is at least <see cref="Value"/> (times the target's cores when <see cref="PerTargetCore"/>):
/// confirmed when L ≥ it, refuted when U &lt; it. <see cref="MinTargetCores"/>: fewer target cores make the claim
/// untestable here (a cluster cannot scale on one core).
/// </summary>
public sealed record AtLeastRule(double Value, bool PerTargetCore, int MinTargetCores) : ClaimRule
{
    public override string Describe(ClaimMetric metric) => PerTargetCore ? $"≥ {Value:0.###}·k (k target cores)" : $"≥ {Value:0.###}";
}

public enum Comparison { Below, AtMost, AtLeast, Above }

/// <summary>ABS: one target's metric against a threshold in the metric's unit (p99 &lt; 1 ms), judged on the median.</summary>
public sealed record AbsoluteRule(Comparison Comparison, double Threshold) : ClaimRule
{
    public override string Describe(ClaimMetric metric) => $"{Symbol(Comparison)} {Threshold:0.###} {metric.Unit()}";

    public static string Symbol(Comparison c) => c switch
    {
        Comparison.Below => "<",
        Comparison.AtMost => "≤",
        Comparison.AtLeast => "≥",
        Comparison.Above => ">",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };
}
