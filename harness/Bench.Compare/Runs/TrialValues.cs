using Bench.Core.Claims;
using Bench.Pipeline.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Comparisons;
using Bench.Stats.Verdicts;

namespace Bench.Compare.Runs;

/// <summary>
/// One cell's trials (a target under a scenario, one metric) as the claims read them (<see cref="ClaimInputs"/>: kept
/// trials only, failed ones give nothing, load-generator-bound req/s marked censored), split into the values that
/// count and those left out: a trial the machine disturbed (stolen, throttled, interference; an open-model latency
/// the engine delayed), or one flagged <c>errors</c> (over 0.1 % of its requests failed: its figures are not the
/// target's normal ones), never speaks for the target.
/// </summary>
public sealed record TrialValues(IReadOnlyList<double> Counted, bool Censored, int LeftOut, string LeftOutWhy)
{
    public const string ErrorsFlag = "errors";

    public ComparisonSide Side => new(Counted, Censored);

    /// <summary>The median of the counted values, for display (NaN when none count).</summary>
    public double Median => Bench.Stats.SampleMedian.Of(Counted);

    /// <summary>Every cell of a run: (scenario, target, metric) → its values, only for metrics some trial of the cell has.</summary>
    public static IReadOnlyDictionary<(string Scenario, string Target, ClaimMetric Metric), TrialValues> Of(RunResults run, IReadOnlyCollection<ClaimMetric> metrics)
    {
        var samples = run.Trials.Where(t => t.Failure is null && t.IsTargetsFigure)
            .SelectMany(t => ClaimInputs.Samples([t]).Select(s => (Sample: s, Errors: t.Flags.Contains(ErrorsFlag))))
            .Where(x => metrics.Contains(x.Sample.Metric));
        return samples.GroupBy(x => (x.Sample.Scenario, x.Sample.Target, x.Sample.Metric)).ToDictionary(g => g.Key, g =>
        {
            var counted = g.Where(x => x.Sample.Disturbances == Disturbance.None && !x.Errors).ToList();
            var left = g.Where(x => x.Sample.Disturbances != Disturbance.None || x.Errors).ToList();
            var why = string.Join(", ", left.Select(x => x.Sample.Disturbances).Aggregate(Disturbance.None, (a, d) => a | d).ToString().ToLowerInvariant()
                .Split(", ").Where(k => k != "none").Concat(left.Any(x => x.Errors) ? [ErrorsFlag] : []));
            return new TrialValues(counted.Select(x => x.Sample.Value).ToList(), counted.Any(x => x.Sample.Censored), left.Count, why);
        });
    }
}
