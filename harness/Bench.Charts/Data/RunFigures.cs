using Bench.Core.Scenarios;
using Bench.Pipeline.Results;

namespace Bench.Charts.Data;

/// <summary>
/// A results folder as the charts and reports read it: the run, and its kept trials by scenario and target. Kept:
/// the target's own figures (no attempt a retry replaced, no A/A extra arm) that did not fail; failed trials are
/// counted apart (<see cref="Failed"/>), never drawn as zeros.
/// </summary>
public sealed class RunFigures
{
    public string Folder { get; }
    public RunResults Run { get; }
    public IReadOnlyList<string> Targets { get; }
    private readonly Dictionary<(string Scenario, string Target), LatencyHistogram?> _histograms = [];

    private RunFigures(string folder, RunResults run)
    {
        Folder = folder;
        Run = run;
        // the run's own order, then any target that only appears in trials (a settings list is never short today; a hand-edited file may be)
        Targets = [.. run.Settings.Targets.Concat(run.Trials.Select(t => t.Target)).Distinct()];
    }

    public static RunFigures Load(string folder) => new(folder, ResultsStore.Read(Path.Combine(folder, ResultsStore.FileName)));

    /// <summary>Scenarios in the order the run's settings list them.</summary>
    public IReadOnlyList<ScenarioSettings> Scenarios => Run.Settings.Scenarios;

    /// <summary>Scenarios under load (not cold starts), which have throughput and latency.</summary>
    public IEnumerable<ScenarioSettings> LoadScenarios => Scenarios.Where(s => s.Model != LoadKind.Startup);

    /// <summary>Kept trials of a scenario and target, in the order they ran.</summary>
    public IReadOnlyList<TrialResult> Kept(string scenario, string target) =>
        [.. Run.Trials.Where(t => t.Scenario == scenario && t.Target == target && t.IsTargetsFigure && t.Failure is null)];

    public IReadOnlyList<TrialResult> Kept(string scenario) =>
        [.. Run.Trials.Where(t => t.Scenario == scenario && t.IsTargetsFigure && t.Failure is null)];

    public int Failed(string scenario, string target) =>
        Run.Trials.Count(t => t.Scenario == scenario && t.Target == target && t.IsTargetsFigure && t.Failure is not null);

    /// <summary>The targets that have kept trials under <paramref name="scenario"/>, in run order.</summary>
    public IReadOnlyList<string> TargetsOf(string scenario) => [.. Targets.Where(t => Kept(scenario, t).Count > 0)];

    /// <summary>The kept trials' histograms merged (percentiles are never averaged); null when none has a readable one.</summary>
    public LatencyHistogram? Histogram(string scenario, string target)
    {
        if (_histograms.TryGetValue((scenario, target), out var cached)) return cached;
        var files = Kept(scenario, target).Select(t => t.HistogramFile).OfType<string>()
            .Select(f => Path.Combine(Folder, f)).Where(File.Exists).ToList();
        var merged = files.Count == 0 ? null : LatencyHistogram.Merge(files);
        _histograms[(scenario, target)] = merged;
        return merged;
    }
}
