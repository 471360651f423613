using Bench.Pipeline;

namespace Bench.Report.Document;

/// <summary>What each trial flag means for its figures, in the words of results/SCHEMA.md, for the report's reader.</summary>
internal static class Flags
{
    private static readonly Dictionary<string, string> Meanings = new()
    {
        [TrialFlags.LoadGeneratorBound] = "the load generator may have been the bottleneck (its CPU, its queue, idle connections, or the calibrated ceiling): the trial's req/s is a lower bound for the target",
        [TrialFlags.Errors] = "over 0.1 % of requests failed: throughput and latency describe a target partly failing",
        [TrialFlags.MissedSchedule] = "fixed rate: over 1 % of requests left late, or a backlog remained at the end: the target (or the engine) could not keep the rate",
        [TrialFlags.NoSuccess] = "no request succeeded",
        [TrialFlags.CpuSamplesMissing] = "the target's CPU time could not be read: no requests per CPU-second",
        [TrialFlags.Unsteady] = "throughput moved by over 10 % within the measured window (first vs last third, or along its trend)",
        [TrialFlags.WarmupUnsteady] = "the warmup hit its maximum before throughput (or latency) settled: the window may still hold the target's climb (JIT tiers, heap sizing)",
        [TrialFlags.Stolen] = "the hypervisor took over 5 % of a CPU set's time (steal): the trial ran again; a kept trial with this flag had no retry left",
        [TrialFlags.Throttled] = "the target's or database's cgroup was held stopped by its CPU quota for over 1 % of the window",
        [TrialFlags.Interference] = "other processes took over 5 % of the engine's or the target's CPUs during the window",
    };

    public static string Meaning(string flag) => Meanings.TryGetValue(flag, out var m) ? m : "see results/SCHEMA.md";
}
