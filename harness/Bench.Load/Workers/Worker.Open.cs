using Bench.Load.Connections;
using Bench.Load.Models;
using Bench.Load.Recording;
using HdrHistogram;

namespace Bench.Load.Workers;

/// <summary>
/// The open model: requests leave on a timetable (<see cref="OpenSchedule"/>), on whichever connection
/// is free. When none is, due requests wait in order — the backlog — and are sent as soon as one frees
/// up, still carrying their intended time, so the wait counts in their latency. Nothing is dropped.
/// </summary>
internal sealed partial class Worker
{
    private readonly int[] _free;       // FIFO of connections with room in their pipeline: spreads load over all of them
    private int _freeHead, _freeCount;
    private OpenSchedule _schedule;
    private long _k, _nextIntended;
    private long _scheduled, _sentInWindow, _missed, _maxBacklog, _backlogAtEnd;
    private LongHistogram? _sendLateness; // µs each send of the window left after its intended time

    public OpenModelCounts OpenCounts => new(_scheduled, _sentInWindow, _missed, _maxBacklog, _backlogAtEnd, _sendLateness);

    private void InitSchedule()
    {
        _schedule = new OpenSchedule(_start + (long)(_plan.PhaseSeconds * Ticks.PerSecond), _plan.RateFrom, _plan.RateTo,
            _plan.Warmup, _plan.Duration, Ticks.PerSecond);
        _k = 0;
        _nextIntended = _schedule.IntendedAt(0);
        _sendLateness = LatencyRecorder.Create(); // before the start: nothing is allocated while sending
    }

    /// <summary>Sends every request that is due, as far as free connections allow. Returns when to wake up next.</summary>
    private long DispatchDue(long now)
    {
        while (_nextIntended <= now && _sent < _plan.Budget && _freeCount > 0)
        {
            var c = _connections[_free[_freeHead]];
            if (c.State != ConnectionState.Open || !c.Inflight.HasRoom)
            {
                PopFree(c); // stale entry: the connection closed or filled up since it was queued
                continue;
            }
            while (c.Inflight.HasRoom && _nextIntended <= now && _sent < _plan.Budget)
            {
                if (_nextIntended >= _measureStart && _nextIntended < _measureEnd)
                {
                    _sentInWindow++;
                    if (now - _nextIntended > _plan.MissedThresholdTicks) _missed++;
                    _sendLateness!.RecordValue(LatencyRecorder.Clamp(Ticks.ToMicroseconds(now - _nextIntended)));
                }
                QueueRequest(c, _nextIntended, now);
                _nextIntended = _schedule.IntendedAt(++_k);
            }
            PopFree(c);
            if (c.Inflight.HasRoom) PushFree(c); // pipelined: it can take more later; go to the back of the line
            if (!c.WantWrite) Send(c, now);
        }
        if (_sent >= _plan.Budget) return long.MaxValue;
        if (_nextIntended <= now)
        {
            TrackBacklog(now);     // due but no free connection: wait for an answer to free one
            return long.MaxValue;
        }
        return _nextIntended;
    }

    private void MarkFree(Connection c)
    {
        if (c.State == ConnectionState.Open && !c.InFreeList && c.Inflight.HasRoom) PushFree(c);
    }

    private void PushFree(Connection c)
    {
        var tail = _freeHead + _freeCount;
        if (tail >= _free.Length) tail -= _free.Length;
        _free[tail] = c.Index;
        _freeCount++;
        c.InFreeList = true;
    }

    private void PopFree(Connection c)
    {
        if (++_freeHead == _free.Length) _freeHead = 0;
        _freeCount--;
        c.InFreeList = false;
    }

    private void TrackBacklog(long now)
    {
        if (_sent >= _plan.Budget) return;
        var backlog = Math.Min(_schedule.DueBy(now), _plan.Budget) - _k;
        if (backlog > _maxBacklog) _maxBacklog = backlog;
    }

    private void FinishSchedule(long ended)
    {
        long DueBy(long t) => Math.Min(_schedule.DueBy(t), _plan.Budget);
        _scheduled = DueBy(Math.Min(_measureEnd, ended) - 1) - DueBy(_measureStart - 1);
        _backlogAtEnd = Math.Max(0, DueBy(ended - 1) - _k);
    }
}

/// <summary>One worker's open-model counters; summed by the engine.</summary>
internal readonly record struct OpenModelCounts(long Scheduled, long Sent, long MissedSchedule, long MaxBacklog, long BacklogAtEnd,
    LongHistogram? SendLateness);
