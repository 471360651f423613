namespace Bench.Load;

/// <summary>
/// How well the open model kept its timetable. When the target cannot keep up, requests wait for a free
/// connection (the backlog) instead of being dropped; the numbers here say how far behind it fell.
/// </summary>
/// <param name="TargetRate">requests per second asked for (the end rate for a ramp)</param>
/// <param name="Scheduled">requests whose intended send time fell in the measured window</param>
/// <param name="Sent">of those, the ones actually sent before the run ended</param>
/// <param name="MissedSchedule">of those sent, the ones that left more than <paramref name="MissedScheduleThresholdUs"/> after their intended time</param>
/// <param name="MaxBacklog">the most requests that were due but not yet sent at one time (sum over workers of each one's peak)</param>
/// <param name="BacklogAtEnd">requests due but never sent when the run ended</param>
/// <param name="MissedScheduleThresholdUs">lateness tolerated before a send counts as missed</param>
public sealed record OpenModelSummary(
    double TargetRate, long Scheduled, long Sent, long MissedSchedule, long MaxBacklog, long BacklogAtEnd, long MissedScheduleThresholdUs);
