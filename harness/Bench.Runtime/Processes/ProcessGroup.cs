namespace Bench.Runtime.Processes;

/// <summary>
/// The processes of a target or a database as this machine sees them, for telling their CPU time apart from
/// everybody else's: every process in session <paramref name="SessionId"/> (the harness starts each with
/// setsid; a container's main process leads its own session), and the folder of their cgroup's cpu
/// controller (its cpu.stat says how often the quota throttled them), null when they have none here.
/// </summary>
public sealed record ProcessGroup(int SessionId, string? CpuCgroup);
