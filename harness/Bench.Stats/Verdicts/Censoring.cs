namespace Bench.Stats.Verdicts;

/// <summary>
/// Which side of a ratio is only a lower bound because the load generator, not the target, was the bottleneck
/// (the target could have gone faster). A censored numerator makes the true ratio at least the measured one, so
/// only the lower bound L can be trusted: it can confirm "at least" statements and show "exceeded", never refute
/// from above. A censored denominator makes the true ratio at most the measured one: only U can be trusted.
/// For one target's own value (ABS), the value is a lower bound: <see cref="Numerator"/>.
/// </summary>
[Flags]
public enum Censoring
{
    None = 0,
    Numerator = 1,
    Denominator = 2,
}

public static class CensoringBounds
{
    /// <summary>The interval a rule may judge on: the side the censoring leaves unknown opened up to 0 or ∞.</summary>
    public static (double Lower, double Upper) Sound(this Censoring censoring, double lower, double upper) =>
        (censoring.HasFlag(Censoring.Denominator) ? 0 : lower, censoring.HasFlag(Censoring.Numerator) ? double.PositiveInfinity : upper);

    public static string Describe(this Censoring censoring) => censoring switch
    {
        Censoring.Numerator => "censored by the load generator: the numerator's figure is a lower bound, so only L counts",
        Censoring.Denominator => "censored by the load generator: the denominator's figure is a lower bound, so only U counts",
        Censoring.Numerator | Censoring.Denominator => "censored by the load generator on both sides: neither bound counts",
        _ => "",
    };
}
