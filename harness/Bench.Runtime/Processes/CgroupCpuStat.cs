using System.Globalization;

namespace Bench.Runtime.Processes;

/// <summary>
/// A cgroup's CFS throttling counters, from its cpu.stat: cgroup v1 writes <c>nr_periods</c>,
/// <c>nr_throttled</c> and <c>throttled_time</c> (ns); v2 writes <c>nr_periods</c>, <c>nr_throttled</c> and
/// <c>throttled_usec</c>. A period is throttled when the group used up its quota before the period ended:
/// its processes then wait, runnable, until the next period, whatever the cores are doing.
/// </summary>
public readonly record struct CgroupCpuStat(long Periods, long Throttled, double ThrottledSeconds)
{
    /// <summary>Null when the file holds none of the counters (no cpu controller, or no quota support).</summary>
    public static CgroupCpuStat? Parse(string text)
    {
        long? periods = null, throttled = null;
        double? seconds = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) continue;
            switch (parts[0])
            {
                case "nr_periods": periods = value; break;
                case "nr_throttled": throttled = value; break;
                case "throttled_time": seconds = value / 1e9; break; // v1: nanoseconds
                case "throttled_usec": seconds = value / 1e6; break; // v2: microseconds
            }
        }
        return periods is null || throttled is null ? null : new CgroupCpuStat(periods.Value, throttled.Value, seconds ?? 0);
    }

    /// <summary>The cpu.stat of the cgroup folder <paramref name="directory"/>; null when it cannot be read.</summary>
    public static CgroupCpuStat? TryRead(string directory)
    {
        try { return Parse(File.ReadAllText(Path.Combine(directory, "cpu.stat"))); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The counters accumulated since <paramref name="earlier"/>; null when one went backwards (the group was recreated, a counter reset).</summary>
    public CgroupCpuStat? Since(CgroupCpuStat earlier)
    {
        var d = new CgroupCpuStat(Periods - earlier.Periods, Throttled - earlier.Throttled, ThrottledSeconds - earlier.ThrottledSeconds);
        return d.Periods < 0 || d.Throttled < 0 || d.ThrottledSeconds < 0 ? null : d;
    }

    /// <summary>
    /// The folder holding the cpu controller's files for process <paramref name="pid"/>: its line in
    /// /proc/PID/cgroup (v1: the hierarchy listing "cpu"; v2: "0::") joined to where that hierarchy is
    /// mounted (/proc/self/mountinfo). Null when the process is gone or its group is not visible here.
    /// </summary>
    public static string? DirectoryOf(int pid)
    {
        try
        {
            return DirectoryOf(File.ReadAllText($"/proc/{pid}/cgroup"), File.ReadAllText("/proc/self/mountinfo"));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static string? DirectoryOf(string procCgroup, string mountinfo)
    {
        var memberships = procCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 3)).Where(p => p.Length == 3).ToList();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "36 25 0:31 <root> <mount point> <options> ... - <fstype> <source> <super options>"
            var halves = line.Split(" - ", 2);
            if (halves.Length != 2) continue;
            var left = halves[0].Split(' ');
            var right = halves[1].Split(' ');
            if (left.Length < 5 || right.Length < 3) continue;
            string root = Unescape(left[3]), point = Unescape(left[4]);
            var member = right[0] switch
            {
                "cgroup" when right[2].Split(',').Contains("cpu") =>
                    memberships.FirstOrDefault(p => p[1].Split(',').Contains("cpu")),
                "cgroup2" => memberships.FirstOrDefault(p => p[0] == "0" && p[1] == ""),
                _ => null,
            };
            if (member is null) continue;
            var path = member[2];
            // A mount of a sub-tree (the harness in a container of its own) shows paths below its root.
            if (root != "/" && path.StartsWith(root, StringComparison.Ordinal)) path = path[root.Length..];
            var dir = point + path.TrimEnd('/');
            // v1 is preferred when both exist: on a hybrid machine the cpu controller lives there, not in v2.
            if (right[0] == "cgroup" || !memberships.Any(p => p[1].Split(',').Contains("cpu"))) return dir;
        }
        return null;
    }

    private static string Unescape(string s) => s.Replace("\\040", " ");
}
