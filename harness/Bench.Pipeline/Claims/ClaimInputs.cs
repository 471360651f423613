using Bench.Core.Claims;
using Bench.Pipeline.Results;
using Bench.Runtime.Targets;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Pipeline.Claims;

/// <summary>
/// A results.json's trials as the claims' samples (one per trial and metric, in the metric's unit) and the run's
/// context. Failed trials give no samples: their cells then count fewer trials, and the rows say so. Nor do the
/// A/A comparison's A2 trials: they measure the machine, and count for nothing else.
/// </summary>
public static class ClaimInputs
{
    private const double MiB = 1024.0 * 1024;

    public static ClaimContext Context(RunResults run, double noiseFloor = 0) =>
        new(run.Environment.Runtime, TargetCores(run.Settings), noiseFloor);

    /// <summary>Whole cores each target had: its CPU quota when one was enforced, else its CPU set's size.</summary>
    public static int TargetCores(RunSettings settings) =>
        settings.TargetLimits.CpuQuotaCores is { } quota ? (int)Math.Floor(quota + 1e-9) : CpuList.Parse(settings.TargetCpus).Count;

    /// <summary>
    /// One sample per kept trial: an attempt replaced by a retry and the A/A comparison's extra arm (A2) are not
    /// the target's figures (counting them would give one target more trials than the run gave it).
    /// </summary>
    public static IReadOnlyList<ClaimSample> Samples(IEnumerable<TrialResult> trials) =>
        trials.Where(t => t.Failure is null && t.IsTargetsFigure).SelectMany(Samples).ToList();

    private static IEnumerable<ClaimSample> Samples(TrialResult t)
    {
        var disturbances = Disturbances(t.Flags);
        ClaimSample Sample(ClaimMetric metric, double value, bool censored = false) => new(t.Target, t.Scenario, metric, value, censored, disturbances);

        // The engine as the bottleneck: the target could have answered more, so its req/s is a lower bound.
        if (t.RequestsPerSecond is { } rps) yield return Sample(ClaimMetric.RequestsPerSecond, rps, censored: t.LoadGeneratorBound);
        if (t.Latency is { Count: > 0 } latency)
        {
            // At a fixed rate, latency counts from each request's intended send time: when the engine itself fell
            // behind, its delay is in the target's latency, so those samples cannot speak for the target.
            var late = t.OpenModel is not null && t.LoadGeneratorBound ? Disturbance.LoadGenerator : Disturbance.None;
            ClaimSample Latency(ClaimMetric metric, double value) => Sample(metric, value) with { Disturbances = disturbances | late };
            yield return Latency(ClaimMetric.MeanLatency, latency.MeanUs / 1000);
            yield return Latency(ClaimMetric.P50, latency.P50Us / 1000.0);
            yield return Latency(ClaimMetric.P99, latency.P99Us / 1000.0);
            yield return Latency(ClaimMetric.P999, latency.P999Us / 1000.0);
            if (latency.P50Us > 0) yield return Latency(ClaimMetric.P999OverP50, (double)latency.P999Us / latency.P50Us);
        }
        if (t.IdleRssBytes is { } idle) yield return Sample(ClaimMetric.IdleMemory, idle / MiB);
        if (t.PeakRssBytes is { } peak) yield return Sample(ClaimMetric.PeakMemory, peak / MiB);
        if (t.StartupMs is { } startup) yield return Sample(ClaimMetric.StartupMs, startup);
        if (t.ArtifactBytes is { } artifact) yield return Sample(ClaimMetric.ArtifactBytes, artifact / MiB);
        if (t.RequestsPerCpuSecond is { } perCpu) yield return Sample(ClaimMetric.RequestsPerCpuSecond, perCpu);
        if (t.Errors is { } errors) yield return Sample(ClaimMetric.Errors, errors.Total);
    }

    /// <summary>The machine-noise flags a trial carries (named as <see cref="Disturbance"/>'s members, camelCase).</summary>
    public static Disturbance Disturbances(IEnumerable<string> flags) =>
        flags.Aggregate(Disturbance.None, (all, flag) =>
            Enum.GetValues<Disturbance>().FirstOrDefault(d => d != Disturbance.None && string.Equals(d.ToString(), flag, StringComparison.OrdinalIgnoreCase)) | all);
}
