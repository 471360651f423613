using System.Runtime.InteropServices;

namespace Bench.Load.Native;

/// <summary>
/// The few Linux system calls the engine's event loop needs. Calling them directly (instead of going
/// through System.Net.Sockets' async machinery, which hops every completion through an epoll thread and
/// the thread pool) is what lets one core drive as many requests as wrk does: one recv and one send per
/// request, readiness from a per-worker epoll set, no allocation, no thread hand-off.
/// Constants are the Linux values (identical on x86-64 and arm64).
/// </summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    public const int AF_INET = 2, AF_INET6 = 10;
    public const int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int IPPROTO_TCP = 6, TCP_NODELAY = 1;
    public const int SOL_SOCKET = 1, SO_ERROR = 4, SO_RCVBUF = 8, SO_SNDBUF = 7;
    public const int MSG_NOSIGNAL = 0x4000;

    public const uint EPOLLIN = 0x1, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10;
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3, EPOLL_CLOEXEC = 0x80000;

    public const int EINTR = 4, EAGAIN = 11, EPIPE = 32, ENOSYS = 38, ECONNRESET = 104, ETIMEDOUT = 110,
        ECONNREFUSED = 111, EINPROGRESS = 115;

    [LibraryImport(Lib, SetLastError = true)] public static partial int socket(int domain, int type, int protocol);
    [LibraryImport(Lib, SetLastError = true)] public static partial int connect(int fd, byte* addr, int addrLen);
    [LibraryImport(Lib, SetLastError = true)] public static partial nint send(int fd, byte* buf, nint len, int flags);
    [LibraryImport(Lib, SetLastError = true)] public static partial nint recv(int fd, byte* buf, nint len, int flags);
    [LibraryImport(Lib, SetLastError = true)] public static partial int close(int fd);
    [LibraryImport(Lib, SetLastError = true)] public static partial int setsockopt(int fd, int level, int name, int* value, int len);
    [LibraryImport(Lib, SetLastError = true)] public static partial int getsockopt(int fd, int level, int name, int* value, int* len);

    [LibraryImport(Lib, SetLastError = true)] public static partial int epoll_create1(int flags);
    [LibraryImport(Lib, SetLastError = true)] public static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);
    [LibraryImport(Lib, SetLastError = true)] public static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeoutMs);
    [LibraryImport(Lib, SetLastError = true)] public static partial int epoll_pwait2(int epfd, byte* events, int maxEvents, Timespec* timeout, void* sigmask);

    /// <summary>prctl option: the calling thread's timer slack in ns (how late the kernel may fire its timers, to batch wake-ups).</summary>
    public const int PR_SET_TIMERSLACK = 29;
    [LibraryImport(Lib, SetLastError = true)] public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Lib, SetLastError = true)] public static partial int sched_setaffinity(int pid, nint size, byte* mask);
    [LibraryImport(Lib, SetLastError = true)] public static partial int sched_getaffinity(int pid, nint size, byte* mask);

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec { public long Seconds; public long Nanoseconds; }

    public static int Errno => Marshal.GetLastPInvokeError();
}
