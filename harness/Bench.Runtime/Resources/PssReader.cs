namespace Bench.Runtime.Resources;

/// <summary>
/// Proportional set size summed over processes (/proc/PID/smaps_rollup): each shared page is divided among
/// the processes that map it, so cluster workers sharing a region add up to that region once. Reading it
/// walks the page tables, milliseconds for a large process: read at idle and about once a second, never at 20 Hz.
/// </summary>
public static class PssReader
{
    /// <summary>The sum over <paramref name="pids"/>; null when none could be read (all gone, no permission).</summary>
    public static long? Sum(IEnumerable<int> pids)
    {
        long total = 0;
        var any = false;
        foreach (var pid in pids)
        {
            try
            {
                if (KeyedFile.Parse(File.ReadAllText($"/proc/{pid}/smaps_rollup").Replace(" kB", "").Replace(":", "")).TryGetValue("Pss", out var kb))
                {
                    total += kb * 1024;
                    any = true;
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return any ? total : null;
    }
}
