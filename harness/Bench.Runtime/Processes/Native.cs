using System.Runtime.InteropServices;

namespace Bench.Runtime.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a whole process group.</summary>
public static partial class Native
{
    public const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15;

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
}
