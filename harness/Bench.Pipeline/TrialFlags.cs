using Bench.Load;
using Bench.Pipeline.Machine;
using Bench.Runtime.Resources;

namespace Bench.Pipeline;

/// <summary>
/// The reasons a trial's figures must not be read at face value. They travel with the trial into
/// results.json and every table, so nobody quotes a number the harness cannot stand behind.
/// </summary>
public static class TrialFlags
{
    public const string LoadGeneratorBound = "loadGeneratorBound", Errors = "errors", MissedSchedule = "missedSchedule",
        NoSuccess = "noSuccessfulRequests", CpuSamplesMissing = "noTargetCpuSamples", Unsteady = "unsteady",
        WarmupUnsteady = "warmupUnsteady";

    /// <summary>
    /// failed: the trial could not be measured (see its `failure`); runStopped: what failed it also stopped the run
    /// (the Docker engine or the database gone for good, the results' disk full), so it says nothing about the
    /// target, and `bench run --resume` runs it again.
    /// </summary>
    public const string Failed = "failed", RunStopped = "runStopped";

    /// <summary>What the machine did to the window: a trial with one of these is re-run (see <see cref="MachineThresholds"/>).</summary>
    public const string Stolen = "stolen", Throttled = "throttled", Interference = "interference";

    public static bool IsDisturbed(IReadOnlyList<string> flags) => flags.Any(f => f is Stolen or Throttled or Interference);

    /// <summary>stolen: steal over the threshold on either CPU set; throttled: the target's or the database's cgroup;
    /// interference: other processes on either CPU set. Unknown figures raise nothing.</summary>
    public static IReadOnlyList<string> ForMachine(TrialMachine machine, MachineThresholds limits)
    {
        var flags = new List<string>();
        if (machine.CpuSets.Any(s => s.StealPercent > limits.StealPercent)) flags.Add(Stolen);
        if (machine.TargetThrottling?.ThrottledTimePercent > limits.ThrottledTimePercent || machine.DatabaseThrottling?.ThrottledTimePercent > limits.ThrottledTimePercent)
            flags.Add(Throttled);
        if (machine.CpuSets.Any(s => s.InterferencePercent > limits.InterferencePercent)) flags.Add(Interference);
        return flags;
    }
    /// <summary>
    /// How far throughput may move inside the window, between its first and last third (<see cref="Drift"/>) or
    /// along its fitted trend (<see cref="Trend"/>), before the trial is unsteady. 10 %: a trial's figure is
    /// compared with other targets' at a few % resolution; a window whose own throughput moved by more than
    /// that describes neither its start nor its end. (20 % let a steady 15 % climb through.)
    /// </summary>
    public const double UnsteadyDrift = 0.10;

    /// <param name="warmupSteady">from the warmup that ran until steady: false when its maximum came first</param>
    public static IReadOnlyList<string> For(LoadResult load, ResourceUsage usage, bool? warmupSteady = null)
    {
        var flags = new List<string>();
        if (load.LoadGeneratorBound) flags.Add(LoadGeneratorBound);
        // More than 0.1 % failed requests: throughput and latency describe a target partly failing.
        if (load.Errors.Total > 0 && load.Errors.Total > 0.001 * (load.Requests + load.Errors.Total)) flags.Add(Errors);
        // Open model: over 1 % of requests left late means the target (or the engine) could not keep the rate.
        if (load.OpenModel is { } open && (open.MissedSchedule > 0.01 * Math.Max(1, open.Sent) || open.BacklogAtEnd > 0)) flags.Add(MissedSchedule);
        if (load.Requests == 0) flags.Add(NoSuccess);
        if (usage.CpuSeconds <= 0) flags.Add(CpuSamplesMissing);
        if (load.Model != "ramp" && (Drift(load) > UnsteadyDrift || Trend(load) > UnsteadyDrift)) flags.Add(Unsteady);
        // the warmup never settled: the window may still hold the target's climb (JIT tiers, heap sizing)
        if (warmupSteady == false) flags.Add(WarmupUnsteady);
        return flags;
    }

    /// <summary>
    /// How much throughput changed over the measured window's whole seconds along their least-squares line,
    /// relative to its mean (0 with fewer than three seconds). Catches a steady climb or decline that the
    /// thirds of <see cref="Drift"/> see only two-thirds of; noise of a few % per second moves it little.
    /// </summary>
    public static double Trend(LoadResult load)
    {
        var whole = WholeSeconds(load);
        if (whole.Count < 3) return 0;
        var n = whole.Count;
        double meanX = (n - 1) / 2.0, meanY = whole.Average(s => s.Requests), sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (whole[i].Requests - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return meanY == 0 ? 0 : Math.Abs(sxy / sxx * (n - 1)) / meanY;
    }

    /// <summary>The measured window's seconds, without the last one when the run cut it short.</summary>
    private static List<LoadSecond> WholeSeconds(LoadResult load)
    {
        var end = load.WarmupSeconds + load.DurationSeconds;
        return load.Timeline.Where(s => !s.Warmup && s.Second + 1 <= end + 1e-6).ToList();
    }

    /// <summary>
    /// Relative change of throughput between the first and the last third of the measured window's whole
    /// seconds (0 when there are fewer than three). A large drift means the target was still warming up
    /// (JIT tiers, GC heap sizing, connection pools) or something else took the cores part of the time:
    /// the trial's average then describes neither state. A ramp drifts by design and is not judged.
    /// </summary>
    public static double Drift(LoadResult load)
    {
        var whole = WholeSeconds(load);
        if (whole.Count < 3) return 0;
        var third = whole.Count / 3;
        double first = whole.Take(third).Average(s => s.Requests), last = whole.TakeLast(third).Average(s => s.Requests);
        var larger = Math.Max(first, last);
        return larger == 0 ? 0 : Math.Abs(first - last) / larger;
    }
}
