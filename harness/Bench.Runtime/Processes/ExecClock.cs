using System.Globalization;

namespace Bench.Runtime.Processes;

/// <summary>
/// When the target's own program began: the last prefix before the target's command is a bash that writes
/// its <c>$EPOCHREALTIME</c> (the wall clock, in µs) to a file and then execs the command, so the start-up
/// clock starts at that exec, after setsid, taskset and the cgroup join, as a container's starts when its
/// process runs. The wall clock, not a monotonic one, because the shell can read no other; over the
/// second or so of a start-up the two agree. Why not /proc/PID/stat's starttime: it is the fork's time
/// (before setsid and the prefixes), in 10 ms ticks.
/// </summary>
public sealed class ExecClock : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bench-exec-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Arguments placed right before the target's command.</summary>
    public IReadOnlyList<string> Prefix() =>
        ["bash", "-c", $"printf %s \"$EPOCHREALTIME\" > '{_file}' || exit 125; exec \"$@\"", "bench-exec-clock"];

    /// <summary>The moment of the exec, or null when the prefix has not run (yet).</summary>
    public DateTime? ExecutedAtUtc()
    {
        string text;
        try { text = File.ReadAllText(_file).Trim(); }
        catch (FileNotFoundException) { return null; }
        // "1764650000.123456"; a locale that writes a decimal comma has it too
        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)) return null;
        return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    public void Dispose() => File.Delete(_file);
}
