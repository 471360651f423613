using System.Diagnostics;
using Bench.Load.Connections;
using Bench.Load.Models;
using Bench.Load.Native;
using Bench.Load.Recording;

namespace Bench.Load.Workers;

/// <summary>
/// One event loop on one thread, driving its share of the connections through its own epoll set.
/// Everything it records (histogram, timeline, error counts) is its own: nothing is shared or locked
/// while the run lasts, and the engine merges the workers' records afterwards.
/// </summary>
/// <remarks>
/// The loop: wait for socket readiness (or the next scheduled send, or housekeeping), read whole
/// responses, record them, send the next requests. Partial class: I/O in Worker.Io.cs, recording in
/// Worker.Responses.cs, the two load models in Worker.Closed.cs and Worker.Open.cs.
/// </remarks>
internal sealed partial class Worker : IDisposable
{
    // Timeouts, reconnects and per-second bookkeeping need no finer clock than this.
    private static readonly long HousekeepingTicks = Stopwatch.Frequency / 200;

    private readonly WorkerPlan _plan;
    private readonly Connection[] _connections;
    private readonly Epoll _epoll;
    private readonly BusyPoller _poller;
    private readonly byte[][] _variantBytes;
    private readonly bool[] _variantNoBody;
    private int _nextVariant;
    private int _validateCountdown;
    private readonly byte[] _lastAccepted; // the last sampled body this worker's validator accepted (Worker.Responses)
    private int _lastAcceptedLength = -1;

    private long _start, _measureStart, _measureEnd, _hardEnd;
    private int _currentSecond;
    private volatile int _closedSecond = -1;
    private volatile bool _stop;

    private long _sent, _inflight;
    private readonly int[] _toFlush;   // connections with requests queued by this batch of events
    private int _toFlushCount;
    private bool _running;

    public Worker(WorkerPlan plan)
    {
        _plan = plan;
        var maxRequest = plan.Variants.Max(v => v.Bytes.Length);
        var captureBytes = plan.Validator is null ? -1 : plan.Validator.MaxBodyBytes;
        _connections = new Connection[plan.Connections];
        // 64 KB per connection up to 128 connections, shrinking to 16 KB (still any sane header) for thousands
        var receiveBytes = Math.Clamp(8 * 1024 * 1024 / plan.Connections, 16 * 1024, 64 * 1024);
        for (var i = 0; i < _connections.Length; i++)
            _connections[i] = new Connection(i, plan.PipelineDepth, maxRequest, captureBytes, receiveBytes);
        _free = new int[plan.Connections];
        _toFlush = new int[2 * plan.Connections]; // each connection once, plus once more if re-queued while flushing
        _epoll = new Epoll(Math.Max(16, plan.Connections));
        _poller = new BusyPoller(_epoll, plan.BusyPollTicks);
        _variantBytes = [.. plan.Variants.Select(v => v.Bytes.ToArray())];
        _variantNoBody = [.. plan.Variants.Select(v => v.ExpectsNoBody)];
        _validateCountdown = plan.Validator?.SampleEvery ?? 0;
        _lastAccepted = new byte[plan.Validator is { Samples: true } v ? Math.Min(v.MaxBodyBytes, 4096) : 0];
        Latency = new LatencyRecorder();
        Timeline = new Timeline(plan.TimelineSeconds);
    }

    public LatencyRecorder Latency { get; }
    public Timeline Timeline { get; }
    public ErrorCounts Errors { get; } = new();
    public long Successes { get; private set; }
    public long Reconnects { get; private set; }

    /// <summary>The last second (counted from the start) this worker will record nothing more into.</summary>
    public int ClosedSecond => _closedSecond;

    public void Stop() => _stop = true;

    /// <summary>
    /// Connections opened at once, and the pause after each such batch. All at once, 1000 connections overflow
    /// a listen backlog of 511 (Node) or 512 (Kestrel): the kernel drops the handshake's last ACK, the engine
    /// sees an open connection, and its first request waits for a SYN-ACK retransmission (1 s, 2 s, 4 s...) or
    /// the request timeout (measured here: 488 of 1000 connections to ASP.NET Core stuck for a 5 s timeout).
    /// Batches well below any backlog, with a pause in which the target's accept loop drains its queue, open
    /// 10,000 connections in about a second instead.
    /// </summary>
    internal const int ConnectBatch = 128;
    internal static readonly TimeSpan ConnectPause = TimeSpan.FromMilliseconds(10);

    /// <summary>Opens the connections in batches and waits (at most the request timeout) for them to be established.</summary>
    public void Connect()
    {
        var now = Stopwatch.GetTimestamp();
        _hardEnd = long.MaxValue; // nothing is recorded or sent before Start
        _measureStart = _measureEnd = long.MaxValue;
        var deadline = now + _plan.TimeoutTicks;
        for (var first = 0; first < _connections.Length; first += ConnectBatch)
        {
            if (first > 0) Thread.Sleep(ConnectPause);
            now = Stopwatch.GetTimestamp();
            foreach (var c in _connections.AsSpan(first, Math.Min(ConnectBatch, _connections.Length - first))) Open(c, now, countErrors: false);
            while (_connections.Any(c => c.State == ConnectionState.Connecting) && (now = Stopwatch.GetTimestamp()) < deadline)
            {
                var n = _epoll.Wait(deadline - now);
                for (var i = 0; i < n; i++) OnEvent(_connections[_epoll.IndexAt(i)], _epoll.EventsAt(i));
            }
        }
    }

    /// <summary>
    /// Closed model: the connections' first requests are spread over this time (ticks) from the start, in order,
    /// instead of all leaving at once. Connections that start together answer together: with 1 s requests they
    /// stay in lockstep, so a window counts whole waves (a 3 s window holds two or three of them, a third either
    /// way) instead of a steady flow. Spread over up to a second, and over at most half the warmup so every
    /// connection is busy before the window opens; no warmup, no spread (a count-bounded run sends at once).
    /// </summary>
    internal static long Stagger(TimeSpan warmup) =>
        Ticks.FromTimeSpan(warmup / 2 < MaxStagger ? warmup / 2 : MaxStagger);

    private static readonly TimeSpan MaxStagger = TimeSpan.FromSeconds(1);

    /// <summary>Runs the load from <paramref name="start"/> (Stopwatch ticks) until the end of the plan.</summary>
    public void Run(long start, bool countBounded)
    {
        _start = start;
        _measureStart = countBounded ? start : start + Ticks.FromTimeSpan(_plan.Warmup);
        _measureEnd = _measureStart + Ticks.FromTimeSpan(_plan.Duration);
        _hardEnd = _measureEnd;
        if (_plan.Open) InitSchedule();

        TightenTimerSlack();
        while (Stopwatch.GetTimestamp() < start) Thread.SpinWait(20); // all workers begin together

        _running = true;
        var now = Stopwatch.GetTimestamp();
        if (!_plan.Open)
        {
            var stagger = Stagger(_plan.Warmup);
            for (var i = 0; i < _connections.Length; i++)
            {
                var c = _connections[i];
                c.FirstSendAt = stagger == 0 ? 0 : start + stagger * i / _connections.Length;
                if (c.State == ConnectionState.Open && c.FirstSendAt == 0) RefillLater(c);
            }
            FlushDeferred();
        }
        var nextHousekeeping = now;
        while (!_stop)
        {
            now = Stopwatch.GetTimestamp();
            if (now >= _hardEnd) break;
            if (_allocatedAtMeasureStart < 0 && now >= _measureStart)
            {
                NoteSchedAtWindowStart(); // allocates a little: before the allocation count starts
                _allocatedAtMeasureStart = GC.GetAllocatedBytesForCurrentThread();
            }
            if (_sent >= _plan.Budget && _inflight == 0) break; // count-bounded: every request has its outcome

            if (now >= nextHousekeeping)
            {
                Housekeeping(now);
                nextHousekeeping = now + HousekeepingTicks;
            }
            var wakeAt = Math.Min(nextHousekeeping, _hardEnd);
            if (_plan.Open) wakeAt = Math.Min(wakeAt, DispatchDue(now));

            var ready = _poller.Wait(wakeAt);
            if (ready == 0) continue;
            // answers read after the end would belong to no window (not counted, not recorded): they stay in
            // flight and are counted with the requests the end left unanswered (RecordUnfinished)
            if (Stopwatch.GetTimestamp() >= _hardEnd) break;
            NoteBatchReturned();
            for (var i = 0; i < ready; i++)
                OnEvent(_connections[_epoll.IndexAt(i)], _epoll.EventsAt(i));
            if (_toFlushCount > 0) FlushDeferred();
        }
        _ended = Math.Min(Stopwatch.GetTimestamp(), _hardEnd);
        if (_allocatedAtMeasureStart >= 0) MeasuredAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtMeasureStart;
        if (_allocatedAtMeasureStart >= 0) NoteSchedAtEnd();
        if (_plan.Open) FinishSchedule(_ended);
        RecordUnfinished(_ended);
        _closedSecond = int.MaxValue;
    }

    private long _ended;
    private long _allocatedAtMeasureStart = -1;

    /// <summary>
    /// Bytes this worker's thread allocated in the measured window. The hot path is meant to allocate
    /// nothing per request; this proves it on every run, not only in a micro-benchmark.
    /// </summary>
    public long MeasuredAllocatedBytes { get; private set; }

    /// <summary>When the run actually ended (Stopwatch ticks): the planned end, or earlier when stopped or done.</summary>
    public long Ended => _ended;

    private void Housekeeping(long now)
    {
        var second = SecondOf(now);
        if (second > _currentSecond)
        {
            _currentSecond = second;
            _closedSecond = second - 1;
        }
        foreach (var c in _connections)
        {
            switch (c.State)
            {
                case ConnectionState.Open when c.FirstSendAt != 0:
                    if (now < c.FirstSendAt) break;
                    c.FirstSendAt = 0;
                    if (c.Inflight.Count == 0 && CanSend(now)) RefillLater(c);
                    break;
                case ConnectionState.Open when c.Inflight.Count > 0 && now - c.Inflight.OldestSentAt > _plan.TimeoutTicks:
                    Fail(c, ErrorClass.Timeout, now);
                    break;
                case ConnectionState.Connecting when now - c.ConnectStartedAt > _plan.TimeoutTicks:
                    CountConnectError(ErrorClass.Timeout, now);
                    c.Close();
                    c.ReconnectAt = now + _plan.ReconnectDelayTicks;
                    break;
                case ConnectionState.Closed when now >= c.ReconnectAt && CanSend(now):
                    Reconnects++;
                    Open(c, now, countErrors: true);
                    break;
            }
        }
        if (_toFlushCount > 0) FlushDeferred();
        if (_plan.Open) TrackBacklog(now);
    }

    /// <summary>Time spent polling for events that had not arrived yet (idle, though the CPU was busy).</summary>
    public long SpinTicks => _poller.SpinTicks;

    /// <summary>
    /// A sleeping thread's timers may fire up to its timer slack late (default 50 µs, so the kernel can
    /// batch wake-ups). The open model sleeps in epoll_pwait2 until the next intended send: with the
    /// default, every send could leave up to 50 µs late, and that lateness would be charged to the target.
    /// The setting is per thread, so each worker sets its own (1 ns: the smallest; 0 would mean "default").
    /// </summary>
    private static void TightenTimerSlack()
    {
        if (Libc.prctl(Libc.PR_SET_TIMERSLACK, 1, 0, 0, 0) != 0)
            throw new InvalidOperationException($"prctl(PR_SET_TIMERSLACK) failed (errno {Libc.Errno})");
    }

    private int SecondOf(long now) => (int)((now - _start) / Ticks.PerSecond);

    /// <summary>Counted only inside the measured window (always, in a count-bounded run).</summary>
    private bool InWindow(long now) => now >= _measureStart && now < _measureEnd;

    private bool CanSend(long now) => _running && !_stop && now < _hardEnd && _sent < _plan.Budget;

    public void Dispose()
    {
        foreach (var c in _connections) c.Close();
        _epoll.Dispose();
    }
}
