using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bench.Load.Connections;

namespace Bench.Load.Workers;

/// <summary>The closed model: each connection keeps its pipeline full, sending again as answers arrive.</summary>
internal sealed partial class Worker
{
    /// <summary>Tops the connection up to the pipeline depth and writes the requests now.</summary>
    private void FillPipeline(Connection c, long now)
    {
        if (c.State != ConnectionState.Open) return;
        var queued = false;
        while (c.Inflight.HasRoom && CanSend(now))
        {
            QueueRequest(c, now, now);
            queued = true;
        }
        if (queued) NoteRefill(c, now);
        if (c.HasPendingSend && !c.WantWrite) Send(c, now);
    }

    /// <summary>
    /// Defers the connection's next requests to the end of the current batch of events
    /// (<see cref="FlushDeferred"/>), as wrk does: the server then receives them as a burst it can batch,
    /// instead of one at a time between our reads; and they are stamped when they are really written.
    /// </summary>
    private void RefillLater(Connection c)
    {
        if (c.FlushQueued) return;
        c.FlushQueued = true;
        _toFlush[_toFlushCount++] = c.Index;
    }

    private void FlushDeferred()
    {
        var count = _toFlushCount;
        for (var i = 0; i < count; i++)
        {
            var c = _connections[_toFlush[i]];
            c.FlushQueued = false;
            // stamped per connection, just before its write: writing 64 connections takes ~100 µs, and one
            // stamp for the whole flush would charge that to the latency of the connections written last
            FillPipeline(c, Stopwatch.GetTimestamp());
        }
        // a connection replaced meanwhile (failed send, immediate reconnect) was queued again: next round
        var added = _toFlushCount - count;
        Array.Copy(_toFlush, count, _toFlush, 0, added);
        _toFlushCount = added;
    }

    /// <summary>
    /// Copies the next request variant into the connection's send buffer and remembers it as in flight.
    /// <paramref name="latencyBase"/> is where its latency will be measured from.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void QueueRequest(Connection c, long latencyBase, long now)
    {
        var v = _nextVariant;
        if (++_nextVariant == _variantBytes.Length) _nextVariant = 0;
        c.Enqueue(_variantBytes[v]);
        c.Inflight.Push(latencyBase, now, v);
        _sent++;
        _inflight++;
    }
}
