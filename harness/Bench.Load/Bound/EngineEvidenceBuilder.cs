using Bench.Load.Workers;

namespace Bench.Load.Bound;

/// <summary>Turns what the workers measured of themselves into the run's <see cref="EngineEvidence"/>.</summary>
internal static class EngineEvidenceBuilder
{
    public static EngineEvidence From(LoadSpec spec, IReadOnlyList<EngineTime> workers, double requestsPerSecond, LatencySummary latency,
        double cpuPercent, bool countBounded, string ceilingPath)
    {
        var notes = new List<string>();
        var closed = spec.Model is not Models.RampModel;
        var responses = workers.Sum(w => w.Responses);
        var refills = workers.Sum(w => w.Refills);
        var batchWait = responses > 0 ? workers.Sum(w => w.BatchWaitUs) / responses : 0;
        var refillWait = closed && refills > 0 ? workers.Sum(w => w.RefillWaitUs) / refills : 0;
        var engineWait = batchWait + refillWait;
        var cycle = latency.MeanUs + refillWait;

        double? busy = null;
        if (!closed) { }
        else if (countBounded) notes.Add("count-bounded run: connections go idle as the budget runs out, so busy connections are not judged");
        else if (latency.Count > 0) busy = requestsPerSecond * latency.MeanUs / 1e6 / (spec.Connections * (double)spec.PipelineDepth);

        double? runQueueMs = null, runQueueShare = null, perSlice = null;
        if (workers.Count > 0 && workers.All(w => w.RunQueueWaitUs is not null))
        {
            var waitUs = workers.Sum(w => w.RunQueueWaitUs!.Value);
            runQueueMs = waitUs / 1000;
            var window = workers.Sum(w => w.WindowUs);
            runQueueShare = window > 0 ? waitUs / window : null;
            var slices = workers.Sum(w => w.Timeslices);
            perSlice = slices > 0 ? waitUs / slices : null;
        }
        else notes.Add("no run-queue figures: the kernel keeps no /proc/thread-self/schedstat here (CONFIG_SCHED_INFO)");

        double? ceiling = null, fraction = null;
        DateTime? measured = null;
        if (spec.Ceiling is not { } c) notes.Add($"no engine ceiling for this machine ({ceilingPath}): run `bench calibrate` to measure one");
        else if (c.MismatchWith(spec.PipelineDepth, workers.Count) is { } why) notes.Add(why);
        else
        {
            ceiling = c.RequestsPerSecond;
            measured = c.MeasuredUtc;
            fraction = c.RequestsPerSecond > 0 ? Math.Round(requestsPerSecond / c.RequestsPerSecond, 3) : null;
        }

        return new EngineEvidence
        {
            CpuPercent = Math.Round(cpuPercent, 1),
            BatchWaitUs = Math.Round(batchWait, 1),
            RefillWaitUs = Math.Round(refillWait, 1),
            EngineWaitUs = Math.Round(engineWait, 1),
            EngineWaitShare = latency.Count > 0 && cycle > 0 ? Math.Round(engineWait / cycle, 3) : null,
            BusyConnections = busy is { } b ? Math.Round(b, 3) : null,
            RunQueueMs = runQueueMs is { } q ? Math.Round(q, 1) : null,
            RunQueueShare = runQueueShare is { } s ? Math.Round(s, 3) : null,
            RunQueueWaitPerSliceUs = perSlice is { } p ? Math.Round(p, 1) : null,
            CeilingRequestsPerSecond = ceiling,
            CeilingMeasuredUtc = measured,
            CeilingFraction = fraction,
            Notes = notes,
        };
    }
}
