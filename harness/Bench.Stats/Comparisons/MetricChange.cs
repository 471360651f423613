using Bench.Stats.Verdicts;

namespace Bench.Stats.Comparisons;

/// <summary>One side of a comparison: the trials' values that count, and whether any of them is only a lower bound.</summary>
/// <param name="Censored">some value is a lower bound (the load generator limited its trial): the true figure may be higher</param>
public sealed record ComparisonSide(IReadOnlyList<double> Values, bool Censored = false);

/// <summary>
/// CURRENT/BASELINE of one metric: the Hodges–Lehmann ratio and its distribution-free bounds (absent when the trials
/// cannot give them), the change it shows and why.
/// </summary>
/// <param name="N">CURRENT's trials the figures rest on</param>
/// <param name="M">BASELINE's trials the figures rest on</param>
public sealed record MetricChange(Change Change, string Reason, double? Estimate = null, double? Lower = null, double? Upper = null,
    double? Confidence = null, int N = 0, int M = 0, Censoring Censoring = Censoring.None);
