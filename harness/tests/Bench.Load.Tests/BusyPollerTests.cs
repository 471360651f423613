using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bench.Load.Native;
using Bench.Load.Workers;

namespace Bench.Load.Tests;

/// <summary>
/// Only genuine waiting counts as idle polling (subtracted from the engine's CPU). The worker's loop sends
/// the open model's due requests between its own time stamp and the wait; that is work, and must not be
/// booked as polling.
/// </summary>
public class BusyPollerTests
{
    private static readonly long BusyPoll = Stopwatch.Frequency / 20_000; // 50 µs, the engine's default
    private static readonly long Work = Stopwatch.Frequency / 10;        // 100 ms of sending, say

    [Fact]
    public void Work_done_before_the_wait_is_not_booked_as_polling()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        using var epoll = new Epoll(16);
        epoll.Add((int)server.Handle, Libc.EPOLLIN, 0);
        var poller = new BusyPoller(epoll, BusyPoll);

        // a response arrives: the poller is now "busy" and will poll before sleeping next time
        client.Send([1]);
        Assert.Equal(1, poller.Wait(Stopwatch.GetTimestamp() + Stopwatch.Frequency));
        server.Receive(new byte[16]);
        var spinBefore = poller.SpinTicks;

        // the worker works (sends due requests) for 100 ms, then waits 5 ms for events that do not come
        var workEnd = Stopwatch.GetTimestamp() + Work;
        while (Stopwatch.GetTimestamp() < workEnd) Thread.SpinWait(10);
        Assert.Equal(0, poller.Wait(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 200));

        var spun = poller.SpinTicks - spinBefore;
        Assert.True(spun >= BusyPoll, $"polled {spun} ticks: it should have polled its {BusyPoll} ticks before sleeping");
        // the poll lasts 50 µs; a preempted poll on a busy machine may stretch it to milliseconds, never to
        // the 100 ms of work before it
        Assert.True(spun < Work / 5, $"booked {spun / (double)Stopwatch.Frequency * 1000:0.0} ms of polling: the work before the wait was counted");
    }
}
