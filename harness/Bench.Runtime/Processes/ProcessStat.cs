using System.Globalization;

namespace Bench.Runtime.Processes;

/// <summary>
/// The fields of /proc/PID/stat the harness reads: the one parser of that file. comm (field 2) may hold
/// spaces and parentheses, so the other fields are counted from its last ')'.
/// </summary>
/// <param name="StartTicks">when the process started, in ticks after boot: with the pid, it tells a process from a later one that reused its pid
/// (its comm cannot: kernel workers rename themselves after the work they do)</param>
/// <param name="RssPages">resident set size, in pages</param>
/// <param name="ParentPid">field 4: PostgreSQL's backends call setsid() and lead sessions of their own, so a server's
/// processes are its session and the session leader's children</param>
public sealed record ProcessStat(int Pid, string Comm, char State, int Session, long UserTicks, long SystemTicks,
    long ChildrenCpuTicks, long StartTicks, int Processor, long RssPages, int ParentPid = 0)
{
    /// <summary>USER_HZ: the unit of /proc's CPU times, 100 on every Linux ABI .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    public long CpuTicks => UserTicks + SystemTicks;

    public double CpuSeconds => CpuTicks / TicksPerSecond;

    /// <summary>User + system time of the process and of its children that it has waited for.</summary>
    public TimeSpan CpuTimeWithChildren => TimeSpan.FromSeconds((CpuTicks + ChildrenCpuTicks) / TicksPerSecond);

    public long RssBytes => RssPages * Environment.SystemPageSize;

    /// <summary>Null when the process is gone (or its file is unreadable).</summary>
    public static ProcessStat? TryRead(int pid)
    {
        try { return Parse(File.ReadAllText($"/proc/{pid}/stat")); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static ProcessStat? Parse(string stat)
    {
        int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.Length) return null;
        // after ')': state is field 3, ppid 4, session 6, utime 14, stime 15, cutime 16, cstime 17, starttime 22, rss 24, processor 39
        var f = stat[(close + 2)..].Split(' ');
        if (f.Length < 37) return null;
        long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
        return new ProcessStat(int.Parse(stat.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture), stat[(open + 1)..close], f[0][0],
            (int)L(6), L(14), L(15), L(16) + L(17), L(22), (int)L(39), L(24), (int)L(4));
    }
}
