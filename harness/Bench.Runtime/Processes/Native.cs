using System.Runtime.InteropServices;

namespace Bench.Runtime.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a whole process group, the open-file limit, a file's inode.</summary>
public static partial class Native
{
    public const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15, SIGCONT = 18;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    /// <summary>
    /// Signals every process in the group led by <paramref name="pgid"/> (children, grandchildren...). A child
    /// started a moment ago may not have called setsid yet, so its group does not exist (ESRCH): it then has
    /// forked nothing either, and signalling the process itself reaches all there is.
    /// </summary>
    public static bool KillGroup(int pgid, int signal) =>
        kill(-pgid, signal) == 0 || (Marshal.GetLastPInvokeError() == ESRCH && kill(pgid, signal) == 0);

    private const int ESRCH = 3;

    public static bool Kill(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>True while a process with this id exists (signal 0 checks without signalling).</summary>
    public static bool Exists(int pid) => kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists, not ours */;

    private const int RLIMIT_NOFILE = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit { public ulong Current, Maximum; }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    /// <summary>This process's RLIMIT_NOFILE (soft, hard).</summary>
    public static (ulong Soft, ulong Hard) GetOpenFileLimit() =>
        getrlimit(RLIMIT_NOFILE, out var l) == 0 ? (l.Current, l.Maximum) : throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());

    public static void SetOpenFileLimit(ulong soft, ulong hard)
    {
        if (setrlimit(RLIMIT_NOFILE, new RLimit { Current = soft, Maximum = hard }) != 0)
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());
    }

    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_NLINK = 0x4, STATX_INO = 0x100;

    /// <summary>struct statx (linux/stat.h): the same layout on every architecture, 256 bytes; only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, out Statx buffer);

    /// <summary>
    /// The identity of the file at <paramref name="path"/> (device and inode) and how many names it has: hard links
    /// share one identity. null where statx is unavailable or the file cannot be read.
    /// </summary>
    public static (ulong Device, ulong Inode, uint Links)? FileIdentity(string path) =>
        statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_NLINK | STATX_INO, out var st) == 0
            ? (((ulong)st.DevMajor << 32) | st.DevMinor, st.Ino, st.Nlink)
            : null;
}
