namespace Bench.Load.Http;

/// <summary>
/// A small, fixed set of pre-built request variants (distinct JWTs, query strings, bodies...). Workers
/// take them round-robin, so a run exercises every variant without building anything per request.
/// </summary>
public sealed class RequestPool
{
    private readonly RequestTemplate[] _variants;

    public RequestPool(IEnumerable<RequestTemplate> variants)
    {
        _variants = [.. variants];
        if (_variants.Length == 0) throw new ArgumentException("a request pool needs at least one request", nameof(variants));
        MaxRequestBytes = _variants.Max(v => v.Bytes.Length);
    }

    public static RequestPool Single(RequestTemplate template) => new([template]);

    /// <summary>Builds <paramref name="count"/> variants with <paramref name="make"/>(i), i = 0..count-1.</summary>
    public static RequestPool Generate(int count, Func<int, RequestTemplate> make)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(Enumerable.Range(0, count).Select(make));
    }

    public int Count => _variants.Length;
    public RequestTemplate this[int index] => _variants[index];
    public int MaxRequestBytes { get; }
    internal RequestTemplate[] Variants => _variants;
}
