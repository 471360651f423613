using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bench.Load.Http;
using Bench.Load.Native;

namespace Bench.Load.Connections;

internal enum ConnectionState : byte { Closed, Connecting, Open }

/// <summary>
/// One keep-alive TCP connection: a non-blocking socket, a receive buffer the parser reads from, a send
/// buffer requests are copied into, and the queue of requests awaiting their answer. Everything is
/// allocated once, when the worker starts; reconnecting reuses it all.
/// </summary>
internal sealed unsafe class Connection
{
    private readonly byte[] _recv;   // pinned: the kernel writes into it through a raw pointer
    private readonly byte* _recvPtr;
    private readonly byte[] _send;
    private readonly byte* _sendPtr;
    private int _sendStart, _sendEnd;

    /// <param name="receiveBufferBytes">must hold the longest header line; a larger one reads more pipelined responses per recv</param>
    public Connection(int index, int pipelineDepth, int maxRequestBytes, int captureBytes, int receiveBufferBytes = 64 * 1024)
    {
        Index = index;
        _recv = GC.AllocateUninitializedArray<byte>(receiveBufferBytes, pinned: true);
        _recvPtr = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_recv));
        _send = GC.AllocateUninitializedArray<byte>(Math.Max(4096, maxRequestBytes * pipelineDepth), pinned: true);
        _sendPtr = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_send));
        Inflight = new InflightRing(pipelineDepth);
        Capture = captureBytes >= 0 ? new byte[captureBytes] : null;
    }

    public int Index { get; }
    public int Fd { get; private set; } = -1;
    public ConnectionState State { get; set; }
    public InflightRing Inflight { get; }
    public ResponseParser Parser;
    /// <summary>The parser has been reset for the response to the oldest in-flight request.</summary>
    public bool Armed;
    /// <summary>Queued in the open model's free list (an entry may be stale: the worker re-checks on use).</summary>
    public bool InFreeList;
    /// <summary>Listed for the worker's end-of-batch flush (cleared only by that flush).</summary>
    public bool FlushQueued;
    public byte[]? Capture { get; }
    /// <summary>Closed model: responses completed since the last refill, and the sum of their stamps (engine wait accounting).</summary>
    public long CompletedPending, CompletedStampSum;
    public long ConnectStartedAt, ReconnectAt;
    /// <summary>Closed model: when this connection sends its first request (0: it has, or it may at once). See Worker.Stagger.</summary>
    public long FirstSendAt;
    /// <summary>EPOLLOUT is registered: a send would have blocked, or a connect is pending.</summary>
    public bool WantWrite;
    public int Filled;
    public Span<byte> Received => _recv.AsSpan(0, Filled);
    public bool HasPendingSend => _sendEnd > _sendStart;

    /// <summary>Starts a non-blocking connect. Returns 0 (connected), EINPROGRESS, or the errno of the failure.</summary>
    public int StartConnect(SockAddr address)
    {
        var fd = Libc.socket(address.Family, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) return Libc.Errno;
        var one = 1;
        Libc.setsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, &one, sizeof(int)); // requests are complete writes: never wait for Nagle
        Fd = fd;
        Filled = 0;
        _sendStart = _sendEnd = 0;
        Inflight.Clear();
        Armed = false;
        CompletedPending = CompletedStampSum = 0;
        fixed (byte* addr = address.Bytes)
        {
            if (Libc.connect(fd, addr, address.Bytes.Length) == 0) return 0;
        }
        return Libc.Errno;
    }

    /// <summary>The outcome of a pending connect: 0 when connected, else its errno.</summary>
    public int ConnectResult()
    {
        int error = 0, len = sizeof(int);
        return Libc.getsockopt(Fd, Libc.SOL_SOCKET, Libc.SO_ERROR, &error, &len) < 0 ? Libc.Errno : error;
    }

    /// <summary>Reads into the free end of the receive buffer: bytes read, 0 at end of stream, or -errno.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive()
    {
        while (true)
        {
            var n = Libc.recv(Fd, _recvPtr + Filled, _recv.Length - Filled, 0);
            if (n >= 0) return (int)n;
            var errno = Libc.Errno;
            if (errno != Libc.EINTR) return -errno;
        }
    }

    public int ReceiveRoom => _recv.Length - Filled;

    /// <summary>Drops the first <paramref name="consumed"/> received bytes, keeping an incomplete line for the next read.</summary>
    public void Consume(int consumed)
    {
        var rest = Filled - consumed;
        if (rest > 0 && consumed > 0) Buffer.MemoryCopy(_recvPtr + consumed, _recvPtr, _recv.Length, rest);
        Filled = rest;
    }

    /// <summary>Appends a serialised request to the send buffer (sent by the next <see cref="Flush"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(ReadOnlySpan<byte> request)
    {
        if (_sendEnd + request.Length > _send.Length)
        {
            // only after a partial send: slide the unsent tail to the front (the buffer holds a full pipeline)
            var pending = _sendEnd - _sendStart;
            Buffer.MemoryCopy(_sendPtr + _sendStart, _sendPtr, _send.Length, pending);
            _sendStart = 0;
            _sendEnd = pending;
        }
        request.CopyTo(new Span<byte>(_sendPtr + _sendEnd, _send.Length - _sendEnd));
        _sendEnd += request.Length;
    }

    /// <summary>Writes what is queued: 0 when all was sent, EAGAIN when the socket is full, else the errno.</summary>
    public int Flush()
    {
        while (_sendStart < _sendEnd)
        {
            var n = Libc.send(Fd, _sendPtr + _sendStart, _sendEnd - _sendStart, Libc.MSG_NOSIGNAL);
            if (n < 0)
            {
                var errno = Libc.Errno;
                if (errno == Libc.EINTR) continue;
                return errno;
            }
            _sendStart += (int)n;
        }
        _sendStart = _sendEnd = 0;
        return 0;
    }

    public void Close()
    {
        if (Fd >= 0) Libc.close(Fd); // closing also removes the socket from the epoll set
        Fd = -1;
        State = ConnectionState.Closed;
        WantWrite = false;
        Armed = false;
        Filled = 0;
        _sendStart = _sendEnd = 0;
        Inflight.Clear();
        CompletedPending = CompletedStampSum = 0; // a reconnect is not the engine's wait
    }
}
