using Bench.Load.Connections;
using Bench.Load.Http;
using Bench.Load.Recording;
using HdrHistogram;

namespace Bench.Load.Workers;

/// <summary>Turning received bytes into responses, and responses into records.</summary>
internal sealed partial class Worker
{
    /// <summary>Parses every complete response in the receive buffer. False when the connection was closed.</summary>
    private bool HandleResponses(Connection c, long now)
    {
        var pos = 0;
        while (pos < c.Filled)
        {
            if (!c.Armed)
            {
                if (c.Inflight.Count == 0)
                {
                    Fail(c, ErrorClass.Other, now); // bytes nobody asked for: the stream cannot be trusted
                    CountUnsolicited(now);
                    return false;
                }
                Arm(c);
            }
            var status = c.Parser.Parse(c.Received[pos..], out var consumed);
            pos += consumed;
            if (status == ParseStatus.NeedMore) break;
            if (status == ParseStatus.Error)
            {
                Fail(c, ErrorClass.Other, now);
                return false;
            }
            var closeAfter = c.Parser.ConnectionClose;
            Complete(c, now);
            if (closeAfter)
            {
                // Connection: close — anything pipelined behind this response is lost with the connection
                if (c.Inflight.Count > 0) Fail(c, ErrorClass.Reset, now);
                else Reopen(c, now);
                return false;
            }
        }
        c.Consume(pos);
        if (c.ReceiveRoom == 0)
        {
            Fail(c, ErrorClass.Other, now); // a header line longer than the whole receive buffer
            return false;
        }
        return true;
    }

    private void CountUnsolicited(long now)
    {
        if (InWindow(now)) Errors.Other++;
        Timeline.Error(SecondOf(now));
    }

    /// <summary>Prepares the parser for the answer to the oldest request in flight; samples it for validation.</summary>
    private void Arm(Connection c)
    {
        byte[]? capture = null;
        if (_plan.Validator is { Samples: true } && --_validateCountdown == 0)
        {
            _validateCountdown = _plan.Validator.SampleEvery;
            capture = c.Capture;
        }
        c.Parser.Reset(_variantNoBody[c.Inflight.OldestVariant], capture);
        c.Armed = true;
    }

    /// <summary>One response is complete: classify and record it.</summary>
    private void Complete(Connection c, long now)
    {
        var validated = c.Parser.IsCapturing;
        var latencyBase = c.Inflight.Pop();
        _inflight--;
        c.Armed = false;
        if (_plan.Open) MarkFree(c);
        // Totals count the measured window only; the timeline also shows the warmup seconds.
        var counted = InWindow(now);
        if (counted) NoteCompleted(c, now);
        var second = SecondOf(now);
        var code = c.Parser.StatusCode;
        var validator = _plan.Validator;
        if (validator is null ? code is < 200 or >= 400 : validator.IsStatusError(code))
        {
            if (counted) Errors.Status[code]++;
            Timeline.Error(second);
        }
        else if ((validator is not null && !c.Parser.BodyAbsentByProtocol && !validator.LengthFits(c.Parser.BodyBytes))
                 || (validated && !BodyAccepted(c)))
        {
            if (counted) Errors.BodyMismatch++;
            Timeline.Error(second);
        }
        else
        {
            var ticks = now - latencyBase;
            if (counted)
            {
                Latency.RecordTicks(ticks);
                Successes++;
            }
            Timeline.Success(second, Ticks.ToMicroseconds(ticks));
        }
    }

    /// <summary>
    /// A sampled body against the validator. A body byte-identical to the last one this worker accepted
    /// is accepted without judging it again: constant bodies (/plaintext, /json) then cost a compare, not
    /// a decode and a parse, and the hot path stays allocation-free.
    /// </summary>
    private bool BodyAccepted(Connection c)
    {
        if (c.Parser.CaptureOverflowed) return false;
        var body = c.Parser.CapturedBody;
        if (_lastAcceptedLength == body.Length && body.SequenceEqual(_lastAccepted.AsSpan(0, _lastAcceptedLength))) return true;
        if (!_plan.Validator!.Check(c.Parser.StatusCode, body, overflowed: false)) return false;
        if (body.Length <= _lastAccepted.Length)
        {
            body.CopyTo(_lastAccepted);
            _lastAcceptedLength = body.Length;
        }
        return true;
    }

    /// <summary>
    /// A request that timed out is an error, and it also belongs in the latency at its elapsed time (at least
    /// the timeout): left out, a target that stops answering would show a better tail than one that answers
    /// slowly. Requests pipelined behind it are lost with the connection and recorded the same way (lower bounds).
    /// </summary>
    private void RecordUnanswered(Connection c, long now)
    {
        var counted = InWindow(now);
        var second = SecondOf(now);
        for (var i = 0; i < c.Inflight.Count; i++)
        {
            var ticks = now - c.Inflight.LatencyBaseAt(i);
            if (counted) Latency.RecordTicks(ticks);
            Timeline.Unanswered(second, Ticks.ToMicroseconds(ticks));
        }
    }

    /// <summary>Requests without an outcome when the run ended: in flight, or (open model) due but never sent.</summary>
    public long UnfinishedAtEnd { get; private set; }

    /// <summary>
    /// Counts the requests the end of the run left without an answer and records them at their elapsed time
    /// (a lower bound of their latency), so a target that stops answering near the end cannot look fast.
    /// Open model: every one, in flight or in the backlog, from its intended time. For a healthy target they
    /// are few (rate × latency) and young, so the lower bounds barely move the percentiles; for a stalled
    /// one they are exactly the requests that must show.
    /// Closed model: C × depth requests are always in flight, so the end cuts C × depth of them short on
    /// every run: recording all their lower bounds would pull every run's percentiles down a little. Only
    /// those already older than the slowest answered request are recorded: their true latency is above
    /// every recorded one either way, so recording the lower bound cannot move any percentile below the truth.
    /// </summary>
    private void RecordUnfinished(long ended)
    {
        if (ended < _measureStart) return; // stopped before the window: nothing was measured
        var second = SecondOf(ended);
        var slowestUs = Latency.Histogram.TotalCount > 0 ? Latency.Histogram.GetMaxValue() : 0;
        foreach (var c in _connections)
        {
            if (c.State != ConnectionState.Open) continue;
            for (var i = 0; i < c.Inflight.Count; i++)
            {
                UnfinishedAtEnd++;
                var us = Ticks.ToMicroseconds(ended - c.Inflight.LatencyBaseAt(i));
                if (_plan.Open || us > slowestUs) RecordUnfinished(second, us);
            }
        }
        if (!_plan.Open) return;
        var due = Math.Min(_schedule.DueBy(ended - 1), _plan.Budget);
        for (var k = _k; k < due; k++)
        {
            UnfinishedAtEnd++;
            RecordUnfinished(second, Ticks.ToMicroseconds(ended - _schedule.IntendedAt(k)));
        }
    }

    private void RecordUnfinished(int second, long us)
    {
        Latency.Histogram.RecordValue(LatencyRecorder.Clamp(us));
        Timeline.Unanswered(second, us);
    }
}
