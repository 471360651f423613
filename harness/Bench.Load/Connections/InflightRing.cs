namespace Bench.Load.Connections;

/// <summary>
/// The requests written on one connection whose responses have not arrived yet, oldest first
/// (HTTP/1.1 answers in order). Capacity = pipeline depth; arrays allocated once per connection.
/// </summary>
internal sealed class InflightRing(int capacity)
{
    private readonly long[] _latencyBase = new long[capacity]; // intended time (open) or send time (closed)
    private readonly long[] _sentAt = new long[capacity];      // actual send time, for timeouts
    private readonly int[] _variant = new int[capacity];
    private int _head;

    public int Count { get; private set; }
    public int Capacity => _variant.Length;
    public bool HasRoom => Count < _variant.Length;

    public void Push(long latencyBase, long sentAt, int variant)
    {
        var i = _head + Count;
        if (i >= _variant.Length) i -= _variant.Length;
        _latencyBase[i] = latencyBase;
        _sentAt[i] = sentAt;
        _variant[i] = variant;
        Count++;
    }

    public long OldestSentAt => _sentAt[_head];

    /// <summary>Latency base of the <paramref name="i"/>-th oldest request in flight (0 = oldest).</summary>
    public long LatencyBaseAt(int i)
    {
        var j = _head + i;
        return _latencyBase[j >= _variant.Length ? j - _variant.Length : j];
    }
    public int OldestVariant => _variant[_head];

    public long Pop()
    {
        var latencyBase = _latencyBase[_head];
        if (++_head == _variant.Length) _head = 0;
        Count--;
        return latencyBase;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
