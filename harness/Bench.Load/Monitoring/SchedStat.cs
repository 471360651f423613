using System.Globalization;

namespace Bench.Load.Monitoring;

/// <summary>
/// One line of /proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat: "run_ns wait_ns timeslices" — nanoseconds on a
/// CPU, nanoseconds runnable but waiting on a run queue, and how many times it was scheduled. The wait is
/// what a CPU hog sharing the engine's core takes from the engine, even when the engine's own CPU use
/// stays low. The one parser for this format.
/// </summary>
public readonly record struct SchedStat(long RunNs, long WaitNs, long Timeslices)
{
    /// <summary>Parses "123 456 7" (trailing newline allowed); false on anything else.</summary>
    public static bool TryParse(string text, out SchedStat stat)
    {
        stat = default;
        var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 3) return false;
        if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var slices)) return false;
        stat = new SchedStat(run, wait, slices);
        return true;
    }

    /// <summary>
    /// The calling thread's figures, or null where the kernel keeps none (no /proc, or built without
    /// CONFIG_SCHED_INFO): the evidence then says so instead of reporting zero.
    /// </summary>
    public static SchedStat? OfCurrentThread()
    {
        try
        {
            return TryParse(File.ReadAllText("/proc/thread-self/schedstat"), out var s) ? s : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
