namespace Bench.Pipeline.Machine;

/// <summary>
/// Above these a trial is disturbed: its figures describe the machine as much as the target.
/// </summary>
/// <param name="StealPercent">share of a CPU set's time the hypervisor gave to somebody else (5 %: a twentieth of
/// the cores gone is more than the differences many comparisons are about)</param>
/// <param name="InterferencePercent">share of a CPU set's time that processes other than the target, its database and
/// the harness ran there (5 %, for the same reason; far above the accounting's resolution: /proc counts 10 ms
/// ticks, a third of a percent of one CPU over a 3 s window)</param>
/// <param name="ThrottledPercent">share of the CFS periods in which the cgroup's quota stopped it. The quota equals
/// the CPU set, so a target that only uses its cores is never throttled; above 1 % (one period in a
/// 10 s window) the quota, not the cores, limited it</param>
public sealed record MachineThresholds(double StealPercent = 5, double InterferencePercent = 5, double ThrottledPercent = 1)
{
    public static MachineThresholds Default { get; } = new();
}
