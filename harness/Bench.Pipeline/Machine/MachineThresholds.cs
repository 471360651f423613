namespace Bench.Pipeline.Machine;

/// <summary>
/// Above these a trial is disturbed: its figures describe the machine as much as the target.
/// </summary>
/// <param name="StealPercent">share of a CPU set's time the hypervisor gave to somebody else (5 %: a twentieth of
/// the cores gone is more than the differences many comparisons are about)</param>
/// <param name="InterferencePercent">share of a CPU set's time that processes other than the target, its database and
/// the harness ran there (5 %, for the same reason; far above the accounting's resolution: /proc counts 10 ms
/// ticks, a third of a percent of one CPU over a 3 s window)</param>
/// <param name="ThrottledTimePercent">share of the window's time the cgroup's quota held it stopped. The quota equals
/// the CPU set, so only the kernel's 5 ms quota slices stop a multi-threaded target now and then, for µs to a few ms
/// in all; above 1 % of the window the quota, not the cores, limited it. (A share of periods was judged first: 1 of
/// 50 periods throttled for 0.2 ms flagged, and re-ran, nearly every ASP.NET Core and node cluster trial.)</param>
public sealed record MachineThresholds(double StealPercent = 5, double InterferencePercent = 5, double ThrottledTimePercent = 1)
{
    public static MachineThresholds Default { get; } = new();
}
