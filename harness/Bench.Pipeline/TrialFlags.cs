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
        NoSuccess = "noSuccessfulRequests", CpuSamplesMissing = "noTargetCpuSamples", Unsteady = "unsteady";

    /// <summary>What the machine did to the window: a trial with one of these is re-run (see <see cref="MachineThresholds"/>).</summary>
    public const string Stolen = "stolen", Throttled = "throttled", Interference = "interference";

    public static bool IsDisturbed(IReadOnlyList<string> flags) => flags.Any(f => f is Stolen or Throttled or Interference);

    /// <summary>stolen: steal over the threshold on either CPU set; throttled: the target's or the database's cgroup;
    /// interference: other processes on either CPU set. Unknown figures raise nothing.</summary>
    public static IReadOnlyList<string> ForMachine(TrialMachine machine, MachineThresholds limits)
    {
        var flags = new List<string>();
        if (machine.CpuSets.Any(s => s.StealPercent > limits.StealPercent)) flags.Add(Stolen);
        if (machine.TargetThrottling?.ThrottledPercent > limits.ThrottledPercent || machine.DatabaseThrottling?.ThrottledPercent > limits.ThrottledPercent)
            flags.Add(Throttled);
        if (machine.CpuSets.Any(s => s.InterferencePercent > limits.InterferencePercent)) flags.Add(Interference);
        return flags;
    }

    /// <summary>How far the first and last third of the window may differ in throughput before the trial is unsteady.</summary>
    public const double UnsteadyDrift = 0.20;

    public static IReadOnlyList<string> For(LoadResult load, ResourceUsage usage)
    {
        var flags = new List<string>();
        if (load.LoadGeneratorBound) flags.Add(LoadGeneratorBound);
        // More than 0.1 % failed requests: throughput and latency describe a target partly failing.
        if (load.Errors.Total > 0 && load.Errors.Total > 0.001 * (load.Requests + load.Errors.Total)) flags.Add(Errors);
        // Open model: over 1 % of requests left late means the target (or the engine) could not keep the rate.
        if (load.OpenModel is { } open && (open.MissedSchedule > 0.01 * Math.Max(1, open.Sent) || open.BacklogAtEnd > 0)) flags.Add(MissedSchedule);
        if (load.Requests == 0) flags.Add(NoSuccess);
        if (usage.CpuSeconds <= 0) flags.Add(CpuSamplesMissing);
        if (load.Model != "ramp" && Drift(load) > UnsteadyDrift) flags.Add(Unsteady);
        return flags;
    }

    /// <summary>
    /// Relative change of throughput between the first and the last third of the measured window's whole
    /// seconds (0 when there are fewer than three). A large drift means the target was still warming up
    /// (JIT tiers, GC heap sizing, connection pools) or something else took the cores part of the time:
    /// the trial's average then describes neither state. A ramp drifts by design and is not judged.
    /// </summary>
    public static double Drift(LoadResult load)
    {
        var end = load.WarmupSeconds + load.DurationSeconds;
        var whole = load.Timeline.Where(s => !s.Warmup && s.Second + 1 <= end + 1e-6).ToList(); // the last may be cut short
        if (whole.Count < 3) return 0;
        var third = whole.Count / 3;
        double first = whole.Take(third).Average(s => s.Requests), last = whole.TakeLast(third).Average(s => s.Requests);
        var larger = Math.Max(first, last);
        return larger == 0 ? 0 : Math.Abs(first - last) / larger;
    }
}
