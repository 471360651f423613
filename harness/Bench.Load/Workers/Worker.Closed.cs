using System.Runtime.CompilerServices;
using Bench.Load.Connections;

namespace Bench.Load.Workers;

/// <summary>The closed model: each connection keeps its pipeline full, sending again as answers arrive.</summary>
internal sealed partial class Worker
{
    /// <summary>
    /// Tops the connection up to the pipeline depth. The write itself is deferred to the end of the
    /// current batch of events (<see cref="FlushDeferred"/>), as wrk does: the server then receives the
    /// next requests as a burst it can batch, instead of one at a time between our reads.
    /// </summary>
    private void FillPipeline(Connection c, long now)
    {
        if (c.State != ConnectionState.Open) return;
        while (c.Inflight.HasRoom && CanSend(now)) QueueRequest(c, now, now);
        if (c.HasPendingSend && !c.WantWrite && !c.FlushQueued)
        {
            c.FlushQueued = true;
            _toFlush[_toFlushCount++] = c.Index;
        }
    }

    private void FlushDeferred(long now)
    {
        for (var i = 0; i < _toFlushCount; i++)
        {
            var c = _connections[_toFlush[i]];
            c.FlushQueued = false;
            if (c.State == ConnectionState.Open && c.HasPendingSend && !c.WantWrite) Send(c, now);
        }
        _toFlushCount = 0;
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
