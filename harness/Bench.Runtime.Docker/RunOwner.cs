namespace Bench.Runtime.Docker;

/// <summary>
/// The labels that tie a container to the harness that made it. <c>bench.run</c> is the run's id;
/// <c>bench.owner</c> is host/pid/start-time of the harness process, so a later harness on the same host can
/// tell a live run (leave it) from a killed one (remove its containers), and a reused pid is not mistaken
/// for the run that died.
/// </summary>
public static class RunOwner
{
    public const string RunLabel = "bench.run", OwnerLabel = "bench.owner", TargetLabel = "bench.target", RoleLabel = "bench.role";

    /// <summary>This process, as written in <see cref="OwnerLabel"/>.</summary>
    public static string Current { get; } = Format(Environment.MachineName, Environment.ProcessId, StartTime(Environment.ProcessId) ?? "0");

    public static string Format(string host, int pid, string startTime) => $"{host}/{pid}/{startTime}";

    public static Dictionary<string, string> Labels(string runId, string role, string? target = null)
    {
        var labels = new Dictionary<string, string> { [RunLabel] = runId, [OwnerLabel] = Current, [RoleLabel] = role };
        if (target is not null) labels[TargetLabel] = target;
        return labels;
    }

    /// <summary>
    /// True when the owner is known to be gone: same host, and no process with that pid and start time.
    /// Owners on other hosts, and labels this code cannot read, are assumed alive.
    /// </summary>
    public static bool IsDead(string? owner)
    {
        if (owner is null) return false;
        var parts = owner.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var pid)) return false;
        if (!string.Equals(parts[0], Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return false;
        if (pid == Environment.ProcessId) return false;
        var start = StartTime(pid);
        return start is null || (parts[2] != "0" && start != parts[2]);
    }

    /// <summary>Field 22 of /proc/PID/stat: start time in clock ticks since boot; with the pid, it names one process.</summary>
    internal static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
