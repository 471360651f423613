using Bench.Compare.Runs;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.ChangePoints;

namespace Bench.Compare.History;

/// <summary>One run's figure of a series: the median of the run's trials that count (see <see cref="RunHistory"/>).</summary>
/// <param name="Run">the run's index in <see cref="RunHistory.Runs"/> (time order)</param>
public sealed record HistoryPoint(int Run, double Value);

/// <summary>A change point: <see cref="FirstRun"/> is the first run after the change.</summary>
/// <param name="Before">median of the series' segment before the change</param>
/// <param name="After">median of the segment from the change on</param>
/// <param name="PValue">the permutation test's p-value</param>
public sealed record HistoryChange(RunFolder FirstRun, double Before, double After, double PValue)
{
    public double Ratio => After / Before;
}

/// <summary>One metric of one target under one scenario, over the runs, and its change points.</summary>
public sealed record HistorySeries(string Scenario, string Target, ClaimMetric Metric, IReadOnlyList<HistoryPoint> Points, IReadOnlyList<HistoryChange> Changes);

/// <summary>
/// Runs in time order (their startedUtc) and every (scenario, target, metric) series over them, with change points
/// from E-divisive means (<see cref="EDivisive"/>: history on both sides of a change decides, no fixed threshold).
/// A run's point is the median of its kept trials that count (not disturbed by the machine, no errors flag, as in
/// `bench compare`); a run whose counted trials include a load-generator-bound one gives no point for req/s (a lower
/// bound is not the target's figure, and a series of lower bounds would show the generator's changes).
/// Only runs that can stand beside the latest one are used: complete, of its schema version and machine, and per
/// scenario, of its settings; the others are listed in <see cref="Notes"/>, never silently mixed in.
/// </summary>
public sealed record RunHistory(IReadOnlyList<RunFolder> Runs, IReadOnlyList<HistorySeries> Series, IReadOnlyList<string> Notes, EDivisiveOptions Options)
{
    public static RunHistory Of(IReadOnlyList<string> dirs, EDivisiveOptions? options = null)
    {
        options ??= new EDivisiveOptions();
        var notes = new List<string>();
        var all = Find(dirs).Select(RunFolder.Load).ToList();
        foreach (var r in all.Where(r => r.Run.Status != RunStatus.Complete))
            notes.Add($"{r.Path} left out: the run is {r.Run.Status}");
        var runs = all.Where(r => r.Run.Status == RunStatus.Complete).OrderBy(r => r.Run.StartedUtc).ToList();
        if (runs.Count == 0) throw new BenchException($"no complete run in {string.Join(", ", dirs)}: give results folders `bench run` completed.");

        var latest = runs[^1].Run;
        runs = runs.Where(r =>
        {
            if (r.Run.SchemaVersion != latest.SchemaVersion)
                notes.Add($"{r.Path} left out: results schema version {r.Run.SchemaVersion}, the latest run's is {latest.SchemaVersion}");
            else if (RunDifferences.Machine(r.Run.Environment, latest.Environment) is { Count: > 0 } machine)
                notes.Add($"{r.Path} left out: another machine than the latest run's ({string.Join("; ", machine)})");
            else return true;
            return false;
        }).ToList();

        var metrics = ComparedMetrics.All;
        var cells = runs.Select(r => TrialValues.Of(r.Run, metrics)).ToList();
        var series = new List<HistorySeries>();
        foreach (var scenario in latest.Settings.Scenarios)
        {
            // A scenario measured under other settings (connections, duration, rate...) is another experiment.
            var same = runs.Select((r, i) => (r, i)).Where(x =>
                x.r.Run.Settings.Scenarios.FirstOrDefault(s => s.Name == scenario.Name) is { } s && s with { Trials = 0 } == scenario with { Trials = 0 }).Select(x => x.i).ToHashSet();
            var differing = runs.Where((r, i) => !same.Contains(i) && r.Run.Settings.Scenarios.Any(s => s.Name == scenario.Name)).ToList();
            if (differing.Count > 0)
                notes.Add($"scenario '{scenario.Name}': {differing.Count} run(s) measured it under other settings than the latest run's and are left out of its series ({string.Join(", ", differing.Select(r => r.Run.RunId))})");
            foreach (var target in latest.Settings.Targets)
                foreach (var metric in metrics)
                {
                    var points = same.Order().Select(i => (i, cells[i].GetValueOrDefault((scenario.Name, target, metric))))
                        .Where(x => x.Item2 is { Counted.Count: > 0, Censored: false }).Select(x => new HistoryPoint(x.i, x.Item2!.Median)).ToList();
                    if (points.Count == 0) continue;
                    var changes = EDivisive.Detect(points.Select(p => p.Value).ToList(), options)
                        .Select(c => new HistoryChange(runs[points[c.Index].Run], c.Before, c.After, c.PValue)).ToList();
                    series.Add(new(scenario.Name, target, metric, points, changes));
                }
        }
        return new(runs, series, notes, options);
    }

    /// <summary>Each argument: a results folder, or a folder whose subfolders are results folders (e.g. results/).</summary>
    private static IEnumerable<string> Find(IReadOnlyList<string> dirs)
    {
        if (dirs.Count == 0) throw new BenchException("give at least one results folder, or a folder of them (e.g. results/).");
        var found = new List<string>();
        foreach (var dir in dirs)
        {
            if (!Directory.Exists(dir)) throw new BenchException($"no folder '{dir}': give results folders, or a folder of them (e.g. results/).");
            if (RunFolder.IsRunFolder(dir)) found.Add(dir);
            else
            {
                var inside = Directory.EnumerateDirectories(dir).Where(RunFolder.IsRunFolder).Order(StringComparer.Ordinal).ToList();
                if (inside.Count == 0) throw new BenchException($"'{dir}' has no results.json, nor does any folder in it: give results folders, or a folder of them.");
                found.AddRange(inside);
            }
        }
        return found.DistinctBy(Path.GetFullPath);
    }
}
