using System.Net;
using System.Net.Sockets;
using Bench.Load.Native;

namespace Bench.Load.Calibration;

/// <summary>
/// The fastest server this machine can offer the engine: one thread, one epoll set, raw recv/send, and a
/// fixed "Hello, World!" answer per request (pipelining included), no parsing beyond finding each
/// request's blank line. Against it the engine's throughput is the engine's ceiling (`bench calibrate`):
/// a trial near that ceiling measured the engine, whatever the target.
/// </summary>
/// <remarks>Requests are taken to have no body (GET); that is all the calibration sends.</remarks>
public sealed unsafe class FixedResponseServer : IDisposable
{
    private static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!"u8.ToArray();
    private const int MaxConnections = 4096;

    private readonly Socket _listener;
    private readonly Epoll _epoll = new(256);
    private readonly List<Socket> _clients = [];
    private readonly int[] _matched = new int[MaxConnections]; // per connection: bytes of "\r\n\r\n" seen so far
    private readonly int[] _fds = new int[MaxConnections];
    private readonly Thread _loop, _accept;
    private volatile bool _stop;

    /// <param name="cpu">the CPU the answering thread is pinned to (keep it off the engine's), or null for any</param>
    public FixedResponseServer(int? cpu)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/plaintext");
        _loop = new Thread(() => Serve(cpu)) { IsBackground = true, Name = "bench-fixed-server" };
        _accept = new Thread(Accept) { IsBackground = true, Name = "bench-fixed-accept" };
        _loop.Start();
        _accept.Start();
    }

    public Uri Url { get; }

    private void Accept()
    {
        while (!_stop)
        {
            Socket client;
            try { client = _listener.Accept(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            client.NoDelay = true;
            lock (_clients)
            {
                var index = _clients.Count;
                if (index >= MaxConnections) { client.Dispose(); continue; }
                _clients.Add(client);
                _fds[index] = (int)client.Handle;
                _epoll.Add(_fds[index], Libc.EPOLLIN, index);
            }
        }
    }

    private void Serve(int? cpu)
    {
        if (cpu is { } c) CpuAffinity.PinCurrentThread(c);
        var buffer = new byte[64 * 1024];
        var replies = new byte[Response.Length * 64];
        for (var i = 0; i < 64; i++) Response.CopyTo(replies, i * Response.Length);
        fixed (byte* input = buffer)
        fixed (byte* output = replies)
        {
            while (!_stop)
            {
                var n = _epoll.Wait(System.Diagnostics.Stopwatch.Frequency / 20);
                for (var e = 0; e < n; e++)
                {
                    var index = _epoll.IndexAt(e);
                    var fd = _fds[index];
                    var read = (int)Libc.recv(fd, input, buffer.Length, 0);
                    if (read <= 0)
                    {
                        lock (_clients) _clients[index].Dispose(); // closing removes it from the epoll set
                        continue;
                    }
                    var requests = CountRequestEnds(new ReadOnlySpan<byte>(input, read), ref _matched[index]);
                    while (requests > 0)
                    {
                        var batch = Math.Min(requests, 64);
                        var length = batch * Response.Length;
                        for (var sent = 0; sent < length;)
                        {
                            var w = (int)Libc.send(fd, output + sent, length - sent, Libc.MSG_NOSIGNAL);
                            if (w <= 0) { requests = 0; break; }
                            sent += w;
                        }
                        requests -= batch;
                    }
                }
            }
        }
    }

    /// <summary>Counts the "\r\n\r\n" that end request heads, carrying a partial match across reads.</summary>
    internal static int CountRequestEnds(ReadOnlySpan<byte> data, ref int matched)
    {
        var count = 0;
        foreach (var b in data)
        {
            var expected = matched % 2 == 0 ? (byte)'\r' : (byte)'\n';
            if (b == expected) matched++;
            else matched = b == '\r' ? 1 : 0;
            if (matched == 4) { count++; matched = 0; }
        }
        return count;
    }

    public void Dispose()
    {
        _stop = true;
        _listener.Dispose();
        _accept.Join();
        _loop.Join();
        lock (_clients) foreach (var c in _clients) c.Dispose();
        _epoll.Dispose();
    }
}
