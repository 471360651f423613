using Bench.Load.Connections;
using Bench.Load.Http;
using Bench.Load.Recording;

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
        if (_plan.Validator is not null && --_validateCountdown == 0)
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
        if (code is < 200 or >= 400)
        {
            if (counted) Errors.Status[code]++;
            Timeline.Error(second);
        }
        else if (validated && !_plan.Validator!.Check(code, c.Parser.CapturedBody, c.Parser.CaptureOverflowed))
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
}
