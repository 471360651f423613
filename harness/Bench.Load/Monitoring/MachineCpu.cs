using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Load.Monitoring;

/// <summary>
/// CPU time of the whole machine, of one process and of this process's reaped children (Linux). On a
/// shared machine these tell how much of a measurement's CPU went to somebody else: machine busy time
/// minus what the server, the generator and their helpers used.
/// </summary>
public static partial class MachineCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux for /proc

    /// <summary>Busy time summed over all CPUs since boot (user, nice, system, irq, softirq, steal).</summary>
    public static TimeSpan Busy()
    {
        var line = File.ReadLines("/proc/stat").First(); // "cpu  user nice system idle iowait irq softirq steal ..."
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f.Length > 7 ? f[7] : 0);
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }

    /// <summary>User + system time of process <paramref name="pid"/> and its reaped children; zero once it is gone.</summary>
    public static TimeSpan OfProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                      + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>CPU time of this process's children that have exited and been waited for (e.g. a finished wrk).</summary>
    public static unsafe TimeSpan ReapedChildren()
    {
        var usage = stackalloc long[18]; // struct rusage: two timevals, then 14 longs
        if (getrusage(-1 /* RUSAGE_CHILDREN */, usage) != 0) return TimeSpan.Zero;
        return TimeSpan.FromSeconds(usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6);
    }

    [LibraryImport("libc")]
    private static unsafe partial int getrusage(int who, long* usage);
}
