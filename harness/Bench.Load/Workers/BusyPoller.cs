using System.Diagnostics;
using Bench.Load.Native;

namespace Bench.Load.Workers;

/// <summary>
/// A worker's wait for socket events. While responses keep coming, it polls without blocking for a few tens
/// of µs before going to sleep: a worker that blocks in epoll_wait whenever the server is a moment late pays
/// a context switch and a cross-CPU wake-up per round trip (~10k/s at 100k req/s), which both slows the load
/// and adds that wake-up to every measured latency. wrk never sleeps under load either.
/// The polling is waiting, not work: it is accounted apart (<see cref="SpinTicks"/>) so it does not count as
/// engine CPU use.
/// </summary>
/// <remarks>
/// The clock is read here, when the polling starts, never taken from the caller: the worker's loop does its
/// housekeeping and the open model's sends between its own time stamp and this wait, and that is work.
/// Counting from the loop's stamp booked the sends as idle polling, subtracted them from the engine's CPU,
/// and made the blocking wait end late by the time they took.
/// </remarks>
internal sealed class BusyPoller(Epoll epoll, long busyPollTicks)
{
    private bool _busy;
    private long _spinTicks;

    /// <summary>Time spent polling for events that had not arrived yet (idle, though the CPU was busy).</summary>
    public long SpinTicks => Volatile.Read(ref _spinTicks);

    /// <summary>Waits for events until <paramref name="wakeAt"/> (Stopwatch ticks); returns how many are ready.</summary>
    public int Wait(long wakeAt)
    {
        var now = Stopwatch.GetTimestamp();
        if (_busy && busyPollTicks > 0)
        {
            var spinUntil = Math.Min(now + busyPollTicks, wakeAt);
            var spinStart = now;
            do
            {
                var n = epoll.Wait(0);
                now = Stopwatch.GetTimestamp();
                if (n > 0)
                {
                    Volatile.Write(ref _spinTicks, _spinTicks + (now - spinStart));
                    return n;
                }
            } while (now < spinUntil);
            Volatile.Write(ref _spinTicks, _spinTicks + (now - spinStart));
        }
        var ready = epoll.Wait(wakeAt - now);
        _busy = ready > 0;
        return ready;
    }
}
