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
/// <param name="SendLatenessP50Us">median of how late the window's sends left after their intended time (µs): the
/// engine's own timing when the target keeps up; waiting for a free connection when it does not</param>
/// <param name="SendLatenessP99Us">99th percentile of the same</param>
/// <param name="SendLatenessMaxUs">the latest send</param>
public sealed record OpenModelSummary(
    double TargetRate, long Scheduled, long Sent, long MissedSchedule, long MaxBacklog, long BacklogAtEnd, long MissedScheduleThresholdUs,
    long SendLatenessP50Us = 0, long SendLatenessP99Us = 0, long SendLatenessMaxUs = 0);
