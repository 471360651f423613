using Bench.Runtime.Processes;

namespace Bench.Runtime.Resources;

/// <summary>
/// Reads memory and CPU time of every process in a session (the target and whatever it forked) from /proc.
/// The session's members are re-discovered once a second; in between only their own stat files are read,
/// because the harness shares a core with the load engine and a full /proc scan at 10 Hz is not free.
/// RSS is summed over processes, so pages shared between cluster workers count once per worker: the
/// fallback where a target has no cgroup (<see cref="MemorySource.ProcRss"/>), never the default.
/// </summary>
public sealed class ProcSampler(int sessionId)
{
    private int[] _members = [];
    private DateTime _discoveredAt = DateTime.MinValue;
    private readonly Dictionary<int, double> _cpuOfExited = [];
    private readonly Dictionary<int, double> _lastCpu = [];

    public ResourceSnapshot Sample()
    {
        if (DateTime.UtcNow - _discoveredAt > TimeSpan.FromSeconds(1)) Discover();
        long rss = 0;
        double cpu = 0;
        foreach (var pid in _members)
        {
            if (TryRead(pid, sessionId) is { } p)
            {
                rss += p.RssBytes;
                cpu += p.CpuSeconds;
                _lastCpu[pid] = p.CpuSeconds;
            }
            else if (_lastCpu.Remove(pid, out var last))
            {
                // A worker that exited keeps counting with the CPU time it had used.
                _cpuOfExited[pid] = last;
            }
        }
        return new ResourceSnapshot(rss, cpu + _cpuOfExited.Values.Sum());
    }

    private void Discover()
    {
        _members = [.. SessionMembers(sessionId)];
        _discoveredAt = DateTime.UtcNow;
    }

    /// <summary>The processes of a session now (a full /proc scan).</summary>
    public static IReadOnlyList<int> SessionMembers(int sessionId)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(pid, sessionId) is not null)
                members.Add(pid);
        return members;
    }

    /// <summary>A live member of the session: a zombie has exited (its CPU time now counts as its parent's children's).</summary>
    private static ProcessStat? TryRead(int pid, int sessionId) =>
        ProcessStat.TryRead(pid) is { State: not 'Z' } p && p.Session == sessionId ? p : null;
}
