using Bench.Load.Monitoring;
using Bench.Pipeline.Results;

namespace Bench.Pipeline.Machine;

/// <summary>
/// The machine over the whole run (results.json <c>machine</c>): steal and interrupt time from the run's
/// first trial to its end, interference and throttling summed over the measured windows, how many trials were
/// disturbed and re-run, and whether the run's figures can be relied on at all.
/// </summary>
public sealed record RunMachine
{
    /// <summary>Steal, iowait, irq and softirq over the whole run; interference over the measured windows (window-weighted mean, and the highest).</summary>
    public required IReadOnlyList<CpuSetNoise> CpuSets { get; init; }
    /// <summary>Throttling of the targets' (and the database's) cgroups, summed over the windows.</summary>
    public CgroupThrottling? TargetThrottling { get; init; }
    public CgroupThrottling? DatabaseThrottling { get; init; }
    public required CpuFrequency Frequency { get; init; }
    /// <summary>Attempts flagged stolen, throttled or interference.</summary>
    public required int DisturbedTrials { get; init; }
    /// <summary>Of those, how many were run again.</summary>
    public required int RerunTrials { get; init; }
    /// <summary>Kept trials (the last attempt of each) still disturbed when the retries ran out.</summary>
    public required int StillDisturbedTrials { get; init; }
    public required MachineThresholds Thresholds { get; init; }
    /// <summary>True when steal or interference over the run, or a kept trial, exceeds the thresholds: the run's figures are unreliable.</summary>
    public required bool Unreliable { get; init; }

    public static RunMachine Summarise(IReadOnlyDictionary<int, CpuTimes> runStart, IReadOnlyDictionary<int, CpuTimes> runEnd,
        CpuLayout layout, IReadOnlyList<TrialResult> trials, MachineThresholds thresholds)
    {
        var windows = trials.Where(t => t.Machine is not null).Select(t => t.Machine!).ToList();
        var sets = new List<CpuSetNoise>();
        foreach (var (role, cpus, list) in MachineNoise.Sets(layout))
        {
            var measured = windows.Select(w => (w.WindowSeconds, Set: w.CpuSets.FirstOrDefault(s => s.Role == role)))
                .Where(w => w.Set?.InterferencePercent is not null).ToList();
            var seconds = measured.Sum(w => w.WindowSeconds);
            double? interference = seconds > 0 ? Math.Round(measured.Sum(w => w.WindowSeconds * w.Set!.InterferencePercent!.Value) / seconds, 2) : null;
            double? max = measured.Count > 0 ? measured.Max(w => w.Set!.InterferencePercent!.Value) : null;
            var d = MachineNoise.Delta(runStart, runEnd, cpus);
            sets.Add(d is { Total: > 0 } t
                ? new CpuSetNoise(role, list, MachineNoise.Percent(t.Steal, t.Total), MachineNoise.Percent(t.Iowait, t.Total),
                    MachineNoise.Percent(t.Irq, t.Total), MachineNoise.Percent(t.Softirq, t.Total), interference, max)
                : new CpuSetNoise(role, list, null, null, null, null, interference, max));
        }
        var kept = trials.Where(t => t.Retried != true).ToList();
        var stillDisturbed = kept.Count(t => TrialFlags.IsDisturbed(t.Flags));
        var targetThrottling = Sum(windows.Select(w => (w.TargetThrottling, w.WindowSeconds)));
        var databaseThrottling = Sum(windows.Select(w => (w.DatabaseThrottling, w.WindowSeconds)));
        var frequencies = windows.Where(w => w.Frequency.Available).ToList();
        return new RunMachine
        {
            CpuSets = sets,
            TargetThrottling = targetThrottling,
            DatabaseThrottling = databaseThrottling,
            Frequency = frequencies.Count == 0 ? CpuFrequency.Unavailable
                : new CpuFrequency(true, frequencies.Min(f => f.Frequency.MinMhz), frequencies.Max(f => f.Frequency.MaxMhz)),
            DisturbedTrials = trials.Count(t => TrialFlags.IsDisturbed(t.Flags)),
            RerunTrials = trials.Count(t => t.Retried == true),
            StillDisturbedTrials = stillDisturbed,
            Thresholds = thresholds,
            Unreliable = stillDisturbed > 0
                || sets.Any(s => s.StealPercent > thresholds.StealPercent || s.InterferencePercent > thresholds.InterferencePercent)
                || (targetThrottling?.ThrottledTimePercent ?? 0) > thresholds.ThrottledTimePercent
                || (databaseThrottling?.ThrottledTimePercent ?? 0) > thresholds.ThrottledTimePercent,
        };
    }

    private static CgroupThrottling? Sum(IEnumerable<(CgroupThrottling? Throttling, double WindowSeconds)> windows)
    {
        var known = windows.Where(w => w.Throttling is not null).ToList();
        if (known.Count == 0) return null;
        var throttled = known.Sum(w => w.Throttling!.ThrottledSeconds);
        return new CgroupThrottling(known.Sum(w => w.Throttling!.Periods), known.Sum(w => w.Throttling!.ThrottledPeriods), Math.Round(throttled, 4),
            CgroupThrottling.TimePercent(throttled, known.Sum(w => w.WindowSeconds)));
    }
}
