using System.Globalization;
using Bench.Compare.Runs;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Comparisons;

namespace Bench.Compare.Comparing;

/// <param name="Threshold">the practical threshold t: a change is called only when the whole interval lies beyond 1 ± t</param>
/// <param name="AllowDifferentMachines">compare runs whose machine fingerprints differ (the differences are still listed)</param>
public sealed record CompareOptions(double Threshold = ChangeRules.DefaultThreshold, bool AllowDifferentMachines = false);

/// <summary>One metric of one target under one scenario: CURRENT against BASELINE, and the two medians it compares.</summary>
public sealed record CellComparison(string Scenario, string Target, ClaimMetric Metric, MetricChange Change, double BaselineMedian, double CurrentMedian);

/// <summary>
/// CURRENT against BASELINE, cell by cell, after checking they measured the same thing on the same machine: the same
/// schema version, the same machine fingerprint (unless allowed), the same settings for every scenario both ran.
/// Anything else is bad input (<see cref="BenchException"/>, exit 2), raised before anything is written.
/// </summary>
public sealed record RunComparison(RunFolder Baseline, RunFolder Current, double Threshold, IReadOnlyList<CellComparison> Cells,
    IReadOnlyList<string> MachineDifferences, IReadOnlyList<string> SoftwareChanges, IReadOnlyList<string> Notes)
{
    /// <summary>The cells of <paramref name="failOn"/> metrics that regressed: slower, significantly and beyond the threshold.</summary>
    public IReadOnlyList<CellComparison> Regressions(IReadOnlyCollection<ClaimMetric> failOn) =>
        Cells.Where(c => c.Change.Change == Change.Slower && failOn.Contains(c.Metric)).ToList();

    public static RunComparison Of(RunFolder baseline, RunFolder current, CompareOptions options)
    {
        if (options.Threshold is <= 0 or >= 1) throw new BenchException($"--threshold must be in (0, 1), a fraction such as 0.05 (got {options.Threshold}).");
        RunResults b = baseline.Run, c = current.Run;
        if (b.SchemaVersion != c.SchemaVersion)
            throw new BenchException($"BASELINE {baseline.Path} is results schema version {b.SchemaVersion}, CURRENT {current.Path} version {c.SchemaVersion}: " +
                                     "compare runs recorded by the same schema version (re-record the older run).");
        var machine = RunDifferences.Machine(b.Environment, c.Environment);
        if (machine.Count > 0 && !options.AllowDifferentMachines)
            throw new BenchException($"BASELINE and CURRENT ran on different machines ({string.Join("; ", machine)}): compare runs from one machine, " +
                                     "or pass --allow-different-machines to compare them anyway.");
        var settings = RunDifferences.Settings(b.Settings, c.Settings);
        if (settings.Count > 0)
            throw new BenchException($"BASELINE and CURRENT measured under different settings ({string.Join("; ", settings)}): " +
                                     "compare runs of the same scenarios and layout.");

        var notes = new List<string>();
        foreach (var (name, run) in new[] { ("BASELINE", b), ("CURRENT", c) })
            if (run.Status != RunStatus.Complete)
                notes.Add($"{name} is {run.Status}: its figures rest on the trials it finished");
        notes.AddRange(OnlyIn(b.Settings.Scenarios.Select(s => s.Name), c.Settings.Scenarios.Select(s => s.Name), "scenario"));
        notes.AddRange(OnlyIn(b.Settings.Targets, c.Settings.Targets, "target"));
        var rates = RateChanges(b, c, options.Threshold);
        notes.AddRange(rates.Values);

        var metrics = ComparedMetrics.All;
        var before = TrialValues.Of(b, metrics);
        var after = TrialValues.Of(c, metrics);
        var cells = new List<CellComparison>();
        foreach (var scenario in c.Settings.Scenarios.Select(s => s.Name).Where(s => b.Settings.Scenarios.Any(x => x.Name == s)))
            foreach (var target in c.Settings.Targets.Where(b.Settings.Targets.Contains))
                foreach (var metric in metrics)
                {
                    var x = after.GetValueOrDefault((scenario, target, metric));
                    var y = before.GetValueOrDefault((scenario, target, metric));
                    if (x is null && y is null) continue; // not a figure of this scenario (start-up under a load scenario)
                    var change = rates.TryGetValue(scenario, out var rate)
                        ? new MetricChange(Change.NotComparable, rate)
                        : Judge(x, y, metric, options.Threshold);
                    cells.Add(new(scenario, target, metric, change, y?.Median ?? double.NaN, x?.Median ?? double.NaN));
                }
        return new(baseline, current, options.Threshold, cells, machine, RunDifferences.Software(b.Environment, c.Environment), notes);
    }

    private static MetricChange Judge(TrialValues? current, TrialValues? baseline, ClaimMetric metric, double threshold)
    {
        if (current is null || baseline is null)
            return new(Change.NotComparable, $"{(current is null ? "CURRENT" : "BASELINE")} has no successful trial of it");
        var change = ChangeRules.Judge(current.Side, baseline.Side, metric.Better(), threshold);
        var leftOut = new[] { ("CURRENT", current), ("BASELINE", baseline) }
            .Where(s => s.Item2.LeftOut > 0)
            .Select(s => $"{s.Item1}: {s.Item2.LeftOut} of {s.Item2.LeftOut + s.Item2.Counted.Count} trials left out ({s.Item2.LeftOutWhy})");
        return change with { Reason = string.Join("; ", leftOut.Prepend(change.Reason)) };
    }

    /// <summary>
    /// Scenarios whose rate each run derived from its own measurements (rateOf) and got differently, beyond the
    /// threshold: their latency and memory were measured at different loads, so nothing of them compares.
    /// </summary>
    private static Dictionary<string, string> RateChanges(RunResults b, RunResults c, double threshold)
    {
        var changes = new Dictionary<string, string>();
        foreach (var rc in c.DerivedRates)
            if (b.DerivedRates.FirstOrDefault(r => r.Scenario == rc.Scenario) is { Rate: { } rateB } && rc.Rate is { } rateC
                && Math.Abs(rateC / rateB - 1) > threshold)
                changes[rc.Scenario] = $"scenario '{rc.Scenario}' ran at {N(rateB)} req/s in BASELINE and {N(rateC)} in CURRENT " +
                                       $"(each a fraction of its slowest target's {rc.RateOf} req/s): latency at different loads does not compare";
        return changes;
    }

    private static IEnumerable<string> OnlyIn(IEnumerable<string> baseline, IEnumerable<string> current, string what)
    {
        var b = baseline.ToList();
        var c = current.ToList();
        foreach (var name in b.Except(c)) yield return $"{what} '{name}' only in BASELINE: not compared";
        foreach (var name in c.Except(b)) yield return $"{what} '{name}' only in CURRENT: not compared";
    }

    private static string N(double v) => v.ToString("0", CultureInfo.InvariantCulture);
}
