using Bench.Load;
using Bench.Runtime.Resources;

namespace Bench.Pipeline;

/// <summary>
/// The reasons a trial's figures must not be read at face value. They travel with the trial into
/// results.json and every table, so nobody quotes a number the harness cannot stand behind.
/// </summary>
public static class TrialFlags
{
    public const string LoadGeneratorBound = "loadGeneratorBound", Errors = "errors", MissedSchedule = "missedSchedule",
        NoSuccess = "noSuccessfulRequests", CpuSamplesMissing = "noTargetCpuSamples";

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
        return flags;
    }
}
