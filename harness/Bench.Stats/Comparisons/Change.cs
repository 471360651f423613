namespace Bench.Stats.Comparisons;

/// <summary>
/// What CURRENT did relative to BASELINE on one metric, read in the metric's direction (<see cref="MetricDirection"/>):
/// "faster" is better (more req/s, less latency, less memory, a quicker start), "slower" is worse.
/// </summary>
public enum Change
{
    /// <summary>The whole 95 % interval of CURRENT/BASELINE lies on the better side, beyond the threshold.</summary>
    Faster,
    /// <summary>The whole interval lies on the worse side, beyond the threshold: a regression.</summary>
    Slower,
    /// <summary>
    /// No change beyond the threshold: the interval lies within 1 ± threshold, or it includes 1 (no significant change)
    /// and the ratio itself is within 1 ± threshold. The reason says how large a change the interval cannot rule out.
    /// </summary>
    Same,
    /// <summary>
    /// Neither: the interval excludes 1 but straddles the threshold (a change, maybe smaller than it), or the ratio lies
    /// beyond the threshold but the interval includes 1 (too noisy to tell).
    /// </summary>
    Inconclusive,
    /// <summary>No interval can be trusted: too few trials, disturbed or flagged trials, or a censored side; the reason says which.</summary>
    NotComparable,
}

public static class ChangeNames
{
    public static string Name(this Change change) => change switch
    {
        Change.NotComparable => "not comparable",
        _ => change.ToString().ToLowerInvariant(),
    };
}
