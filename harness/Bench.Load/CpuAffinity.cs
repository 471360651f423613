using Bench.Load.Native;

namespace Bench.Load;

/// <summary>
/// Pins the whole current process to a set of CPUs and tells how many CPUs it may run on.
/// </summary>
/// <remarks>
/// On Linux <c>sched_setaffinity</c> (and so <c>Process.ProcessorAffinity</c>) changes one thread only, so
/// every existing thread of the process is pinned in turn; threads started later (the engine's workers)
/// inherit the mask of the thread that starts them. <c>Environment.ProcessorCount</c> is computed once at
/// start-up and does not see a later pin, hence <see cref="AllowedCpuCount"/>.
/// </remarks>
public static unsafe class CpuAffinity
{
    private const int MaskBytes = 128; // 1024 CPUs

    /// <summary>Parses "0", "0,2", "0-3" or "0-1,4" into a sorted set of CPU numbers.</summary>
    public static bool TryParse(string text, out int[] cpus, out string error)
    {
        cpus = [];
        error = "";
        var set = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !int.TryParse(range[0], out var from) ||
                !int.TryParse(range[^1], out var to) || from < 0 || to < from || to >= MaskBytes * 8)
            {
                error = $"invalid CPU list '{text}': expected e.g. 0, 0,2 or 0-3";
                return false;
            }
            for (var c = from; c <= to; c++) set.Add(c);
        }
        cpus = [.. set];
        return true;
    }

    /// <summary>Pins every thread of this process to <paramref name="cpus"/>. Linux only.</summary>
    public static void PinProcess(IReadOnlyCollection<int> cpus)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("--cpus needs Linux (sched_setaffinity)");
        var online = Environment.ProcessorCount;
        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        foreach (var c in cpus) mask[c / 8] |= (byte)(1 << (c % 8));

        // The calling thread first: if the mask names no usable CPU, fail before touching the others.
        if (Libc.sched_setaffinity(0, MaskBytes, mask) < 0)
            throw new ArgumentException($"cannot pin to CPUs {string.Join(",", cpus)} (errno {Libc.Errno}); this machine reports {online} CPUs");
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var tid))
                Libc.sched_setaffinity(tid, MaskBytes, mask); // a thread that exited meanwhile is harmless
        }
    }

    /// <summary>Pins the calling thread only (a helper thread kept off the engine's CPU, e.g. calibration's server).</summary>
    public static void PinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("pinning needs Linux (sched_setaffinity)");
        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        if (Libc.sched_setaffinity(0, MaskBytes, mask) < 0)
            throw new ArgumentException($"cannot pin a thread to CPU {cpu} (errno {Libc.Errno})");
    }

    /// <summary>The number of CPUs the calling thread may run on now.</summary>
    public static int AllowedCpuCount()
    {
        if (!OperatingSystem.IsLinux()) return Environment.ProcessorCount;
        byte* mask = stackalloc byte[MaskBytes];
        if (Libc.sched_getaffinity(0, MaskBytes, mask) < 0) return Environment.ProcessorCount;
        var count = 0;
        for (var i = 0; i < MaskBytes; i++) count += System.Numerics.BitOperations.PopCount(mask[i]);
        return Math.Max(1, count);
    }

    /// <summary>The CPUs the calling thread may run on now, e.g. "0" or "0,1".</summary>
    public static string AllowedCpuList()
    {
        if (!OperatingSystem.IsLinux()) return $"0-{Environment.ProcessorCount - 1}";
        byte* mask = stackalloc byte[MaskBytes];
        if (Libc.sched_getaffinity(0, MaskBytes, mask) < 0) return "?";
        var list = new List<int>();
        for (var c = 0; c < MaskBytes * 8; c++) if ((mask[c / 8] & (1 << (c % 8))) != 0) list.Add(c);
        return string.Join(",", list);
    }
}
