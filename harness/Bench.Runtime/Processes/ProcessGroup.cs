using Bench.Runtime.Resources;

namespace Bench.Runtime.Processes;

/// <summary>
/// The processes of a target or a database as this machine sees them, for telling their CPU time apart from
/// everybody else's: every process in session <paramref name="SessionId"/> (the harness starts each with
/// setsid; a container's main process leads its own session), and the cgroup whose CPU quota may throttle
/// them (its cpu.stat: <see cref="CgroupCpuStat"/>), null when they run under no quota that can be read here.
/// </summary>
public sealed record ProcessGroup(int SessionId, CgroupFiles? Cgroup);
