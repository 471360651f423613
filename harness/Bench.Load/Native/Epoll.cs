using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bench.Load.Native;

/// <summary>
/// One epoll set, owned by one worker thread. Each registered socket carries the index of its
/// connection as its user data, so an event leads straight to the connection with no lookup.
/// </summary>
/// <remarks>
/// <c>struct epoll_event</c> is packed (12 bytes) on x86-64 and naturally aligned (16 bytes) elsewhere,
/// so events live in a raw native buffer read with the right stride instead of a managed struct.
/// </remarks>
internal sealed unsafe class Epoll : IDisposable
{
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    private static readonly int Stride = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;
    // epoll_pwait2 (Linux 5.11) takes a nanosecond timeout: the open model needs sub-millisecond wake-ups
    // or every request would be sent up to 1 ms late. Older kernels fall back to epoll_wait.
    private static bool s_hasPwait2 = true;

    private readonly int _fd;
    private readonly byte* _events;
    private readonly int _capacity;

    public Epoll(int capacity)
    {
        _fd = Libc.epoll_create1(Libc.EPOLL_CLOEXEC);
        if (_fd < 0) throw new InvalidOperationException($"epoll_create1 failed (errno {Libc.Errno})");
        _capacity = capacity;
        _events = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * Stride));
    }

    public void Add(int fd, uint events, int index) => Control(Libc.EPOLL_CTL_ADD, fd, events, index);
    public void Modify(int fd, uint events, int index) => Control(Libc.EPOLL_CTL_MOD, fd, events, index);

    private void Control(int op, int fd, uint events, int index)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = events;
        Unsafe.WriteUnaligned(ev + DataOffset, (ulong)(uint)index);
        if (Libc.epoll_ctl(_fd, op, fd, ev) < 0)
            throw new InvalidOperationException($"epoll_ctl({op}) failed (errno {Libc.Errno})");
    }

    /// <summary>Waits at most <paramref name="timeoutTicks"/> Stopwatch ticks; returns the number of ready events.</summary>
    public int Wait(long timeoutTicks)
    {
        if (timeoutTicks < 0) timeoutTicks = 0;
        int n;
        if (s_hasPwait2)
        {
            long ns = (long)(timeoutTicks * (1_000_000_000.0 / Stopwatch.Frequency));
            var ts = new Libc.Timespec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
            n = Libc.epoll_pwait2(_fd, _events, _capacity, &ts, null);
            if (n < 0 && Libc.Errno == Libc.ENOSYS) { s_hasPwait2 = false; return Wait(timeoutTicks); }
        }
        else
        {
            long ms = (timeoutTicks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency;
            n = Libc.epoll_wait(_fd, _events, _capacity, (int)Math.Min(ms, int.MaxValue));
        }
        if (n < 0)
        {
            if (Libc.Errno == Libc.EINTR) return 0;
            throw new InvalidOperationException($"epoll_wait failed (errno {Libc.Errno})");
        }
        return n;
    }

    public uint EventsAt(int i) => *(uint*)(_events + i * Stride);
    public int IndexAt(int i) => (int)Unsafe.ReadUnaligned<ulong>(_events + i * Stride + DataOffset);

    public void Dispose()
    {
        Libc.close(_fd);
        NativeMemory.Free(_events);
    }
}
