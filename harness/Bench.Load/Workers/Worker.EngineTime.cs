using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bench.Load.Connections;
using Bench.Load.Monitoring;
using Bench.Load.Recording;

namespace Bench.Load.Workers;

/// <summary>
/// Time a request spends inside the engine rather than at the target, counted per worker with nothing
/// but the Stopwatch stamps the loop takes anyway: a saturated engine shows it here before its CPU use
/// reaches any threshold (in the closed model, every µs a connection waits for the engine is a µs the
/// target is not asked for anything). Also the worker thread's run-queue wait over the window.
/// </summary>
internal sealed partial class Worker
{
    private long _batchReturnedAt;      // when the current batch of events came back from epoll
    private long _batchWaitTicks;       // Σ (event handled − batch returned), per response in the window
    private long _refillWaitTicks;      // Σ (next request written − response complete), closed model
    private long _refills;              // responses whose next request was written (closed model, window)
    private long _completedInWindow;    // responses of the window (successes and errors)
    private SchedStat? _schedAtWindowStart, _schedAtEnd;
    private long _schedStartedAt, _schedEndedAt;

    /// <summary>What this worker measured of its own wait; valid once <see cref="Run"/> returned.</summary>
    public EngineTime Time => new(_completedInWindow, Ticks.ToMicroseconds(_batchWaitTicks), _refills, Ticks.ToMicroseconds(_refillWaitTicks),
        _schedAtWindowStart is { } a && _schedAtEnd is { } b ? (b.WaitNs - a.WaitNs) / 1000.0 : null,
        _schedAtWindowStart is { } a2 && _schedAtEnd is { } b2 ? b2.Timeslices - a2.Timeslices : 0,
        Ticks.ToMicroseconds(_schedEndedAt - _schedStartedAt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteBatchReturned() => _batchReturnedAt = Stopwatch.GetTimestamp();

    /// <summary>A response of the window is complete: how long it waited behind earlier events of its batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteCompleted(Connection c, long now)
    {
        _completedInWindow++;
        if (now > _batchReturnedAt) _batchWaitTicks += now - _batchReturnedAt;
        if (_plan.Open) return;
        // Σ over pending completions kept as count and sum of stamps: the refill adds count × stamp − sum
        c.CompletedPending++;
        c.CompletedStampSum += now;
    }

    /// <summary>The connection's next requests are being written at <paramref name="stamp"/> (closed model).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteRefill(Connection c, long stamp)
    {
        if (c.CompletedPending == 0) return;
        _refillWaitTicks += c.CompletedPending * stamp - c.CompletedStampSum;
        _refills += c.CompletedPending;
        c.CompletedPending = 0;
        c.CompletedStampSum = 0;
    }

    // Read by the worker thread itself (its own /proc/thread-self), outside the allocation-counted window.
    private void NoteSchedAtWindowStart()
    {
        _schedAtWindowStart = SchedStat.OfCurrentThread();
        _schedStartedAt = Stopwatch.GetTimestamp();
    }

    private void NoteSchedAtEnd()
    {
        _schedAtEnd = SchedStat.OfCurrentThread();
        _schedEndedAt = Stopwatch.GetTimestamp();
    }
}

/// <summary>One worker's (or, summed, the engine's) own wait, in µs.</summary>
/// <param name="Responses">responses completed in the measured window</param>
/// <param name="BatchWaitUs">Σ time from epoll returning to each response being handled (inside the measured latency)</param>
/// <param name="Refills">responses whose connection was sent its next request (closed model)</param>
/// <param name="RefillWaitUs">Σ time from a response being complete to the next request being written (closed model)</param>
/// <param name="RunQueueWaitUs">time the worker thread waited on a run queue over the window; null when the kernel keeps no schedstat</param>
/// <param name="Timeslices">times the worker thread was put on a CPU over the window (each after a wait, short or long)</param>
/// <param name="WindowUs">wall time between the two run-queue readings</param>
internal readonly record struct EngineTime(long Responses, double BatchWaitUs, long Refills, double RefillWaitUs, double? RunQueueWaitUs,
    long Timeslices, double WindowUs);
