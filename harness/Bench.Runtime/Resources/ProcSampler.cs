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
    private static readonly long PageSize = Environment.SystemPageSize;
    private const double ClockTicks = 100.0; // USER_HZ: 100 on every Linux ABI .NET runs on

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
            if (TryRead(pid, out var session, out var pidRss, out var pidCpu) && session == sessionId)
            {
                rss += pidRss;
                cpu += pidCpu;
                _lastCpu[pid] = pidCpu;
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
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(pid, out var session, out _, out _) && session == sessionId)
                members.Add(pid);
        return members;
    }

    /// <summary>Parses /proc/PID/stat: session (field 6), utime+stime (14, 15), rss in pages (24).</summary>
    private static bool TryRead(int pid, out int session, out long rssBytes, out double cpuSeconds)
    {
        session = 0; rssBytes = 0; cpuSeconds = 0;
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        // comm (field 2) may contain spaces and parentheses: fields are counted from its closing ')'.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (rest.Length < 22 || rest[0] == "Z") return false;
        session = int.Parse(rest[3]);
        cpuSeconds = (long.Parse(rest[11]) + long.Parse(rest[12])) / ClockTicks;
        rssBytes = long.Parse(rest[21]) * PageSize;
        return true;
    }
}
