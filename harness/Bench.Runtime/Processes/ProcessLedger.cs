namespace Bench.Runtime.Processes;

/// <summary>
/// Remembers on disk which process groups this harness started, so that the next harness can remove
/// what a harness killed with SIGKILL (which runs no cleanup) left behind. Targets run in sessions of their
/// own, so nothing else would ever stop them. A marker holds the child's start time, so a pid reused by an
/// unrelated process is never killed.
/// </summary>
public static class ProcessLedger
{
    private static string Folder => Path.Combine(Path.GetTempPath(), "bench-processes");

    public static void Record(int pid)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(MarkerPath(Environment.ProcessId, pid), StartTime(pid) ?? "");
    }

    public static void Forget(int pid)
    {
        try { File.Delete(MarkerPath(Environment.ProcessId, pid)); }
        catch (IOException) { }
    }

    /// <summary>Kills the groups recorded by harnesses that are gone; returns how many it found alive.</summary>
    public static int SweepOrphans()
    {
        if (!Directory.Exists(Folder)) return 0;
        var killed = 0;
        foreach (var marker in Directory.EnumerateFiles(Folder))
        {
            var parts = Path.GetFileName(marker).Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var owner) || !int.TryParse(parts[1], out var pid)) continue;
            if (owner == Environment.ProcessId || Native.Exists(owner)) continue;
            var recorded = File.ReadAllText(marker);
            if (recorded.Length > 0 && StartTime(pid) == recorded)
            {
                Native.KillGroup(pid, Native.SIGKILL);
                killed++;
            }
            File.Delete(marker);
        }
        return killed;
    }

    private static string MarkerPath(int owner, int pid) => Path.Combine(Folder, $"{owner}-{pid}");

    /// <summary>Field 22 of /proc/PID/stat: start time in clock ticks since boot; with the pid, it names one process.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException) { return null; }
    }
}
