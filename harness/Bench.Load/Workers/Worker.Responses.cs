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
}
