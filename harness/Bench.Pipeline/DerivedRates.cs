using Bench.Core;
using Bench.Stats;
using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline.Results;

namespace Bench.Pipeline;

/// <summary>
/// The rate of a scenario with <see cref="RateOf"/>, as resolved in the run (results.json <c>derivedRates</c>):
/// every target gets the same arrival rate, <see cref="Fraction"/> of the slowest target's median req/s in the
/// source scenario, so latency and memory compare at equal load rather than at each one's own maximum.
/// </summary>
/// <param name="PerTarget">each target's median req/s over its kept trials of the source scenario</param>
/// <param name="Censored">true when the slowest target's trials include one its load generator bounded: its req/s, and so the rate, are lower bounds</param>
/// <param name="Failure">why no rate could be set (then the scenario's trials fail with this reason)</param>
public sealed record DerivedRate(string Scenario, string RateOf, double Fraction, IReadOnlyDictionary<string, double> PerTarget,
    string? SlowestTarget, double? Rate, bool Censored, string? Failure)
{
    /// <summary>
    /// Resolves <paramref name="scenario"/>'s rate from the trials measured so far, over the targets that will be
    /// served at it (<paramref name="servedTargets"/>; null: every target measured on the source). A target
    /// measured on the source for its own claims but never served at the rate (python-fastapi's json, say) must
    /// not set the rate the others are compared at.
    /// </summary>
    public static DerivedRate Resolve(Scenario scenario, IReadOnlyList<TrialResult> trials, IReadOnlySet<string>? servedTargets = null)
    {
        var of = scenario.Load.RateOf ?? throw new ArgumentException($"scenario {scenario.Name} has no rateOf", nameof(scenario));
        // the trials that count as the targets' figures: measured, not replaced by a retry, not the A/A extra arm
        var kept = trials.Where(t => t.Scenario == of.Scenario && t.Failure is null && t.IsTargetsFigure
                                     && t.RequestsPerSecond is > 0 && (servedTargets?.Contains(t.Target) ?? true)).ToList();
        var perTarget = kept.GroupBy(t => t.Target).ToDictionary(g => g.Key, g => SampleMedian.Of(g.Select(t => t.RequestsPerSecond!.Value)));
        if (perTarget.Count == 0)
            return new DerivedRate(scenario.Name, of.Scenario, of.Fraction, perTarget, null, null, false,
                $"no successful trial of scenario '{of.Scenario}' to take the rate of '{scenario.Name}' from");
        var slowest = perTarget.MinBy(p => p.Value);
        return new DerivedRate(scenario.Name, of.Scenario, of.Fraction, perTarget, slowest.Key, Math.Round(of.Fraction * slowest.Value),
            kept.Any(t => t.Target == slowest.Key && t.LoadGeneratorBound), null);
    }

    /// <summary>
    /// The targets whose req/s set a derived rate, of those it is for: the reference ones (coverage: every) when
    /// there are any, else all. A stack joining for a claim of its own is served at their rate rather than setting
    /// it: java's JVM, barely warm in a --quick json window (~300 req/s), would have set every target's rate.
    /// </summary>
    public static IReadOnlyList<TargetManifest> Setters(IEnumerable<TargetManifest> targets)
    {
        var all = targets.Distinct().ToList();
        var reference = all.Where(t => t.Coverage == Coverage.Every).ToList();
        return reference.Count > 0 ? reference : all;
    }

    /// <summary>The scenario with its rate set, ready to run.</summary>
    public Scenario Apply(Scenario s) => s with { Load = s.Load with { Rate = Rate } };

}
