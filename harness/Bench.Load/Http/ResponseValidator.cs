using System.Text;

namespace Bench.Load.Http;

/// <summary>Decides whether a (sampled) successful response has the right body.</summary>
/// <remarks>Called from several worker threads at once: a predicate must be thread-safe.</remarks>
public delegate bool ResponsePredicate(int statusCode, ReadOnlySpan<byte> body);

/// <summary>
/// What counts as a right answer. On every response, cheaply: the status (<see cref="ExpectStatus"/>; any
/// other is a status error) and the body's length (<see cref="MinBodyLength"/>..<see cref="MaxBodyLength"/>,
/// else <c>bodyMismatch</c>). On every <see cref="SampleEvery"/>-th response of each worker: the body itself,
/// against an expected body or a predicate (<c>bodyMismatch</c> when it fails); only sampled bodies are
/// copied, and a body byte-identical to the last one a worker accepted is not judged again.
/// </summary>
public sealed class ResponseValidator
{
    private readonly byte[]? _expected;
    private readonly ResponsePredicate? _predicate;

    private ResponseValidator(byte[]? expected, ResponsePredicate? predicate, int sampleEvery, int maxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 0);
        _expected = expected;
        _predicate = predicate;
        SampleEvery = sampleEvery;
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>Checks 1 response in <c>SampleEvery</c> (per worker); 1 checks all.</summary>
    public int SampleEvery { get; }

    /// <summary>Capture buffer size; a longer body fails the check.</summary>
    public int MaxBodyBytes { get; }

    /// <summary>The status every response must have; null: any 2xx or 3xx is a success (4xx/5xx are errors).</summary>
    public int? ExpectStatus { get; private init; }
    /// <summary>Shortest and longest body every response may have (HEAD, 204 and 304 excepted).</summary>
    public long MinBodyLength { get; private init; }
    public long MaxBodyLength { get; private init; } = long.MaxValue;

    /// <summary>Whether bodies are sampled at all (not for a validator of status and length only).</summary>
    internal bool Samples => _expected is not null || _predicate is not null;

    /// <summary>The body must equal <paramref name="expected"/> byte for byte.</summary>
    public static ResponseValidator ExpectBody(ReadOnlySpan<byte> expected, int sampleEvery = 1) =>
        new(expected.ToArray(), null, sampleEvery, expected.Length);

    /// <summary>The body must equal the UTF-8 bytes of <paramref name="expected"/>.</summary>
    public static ResponseValidator ExpectBody(string expected, int sampleEvery = 1) =>
        ExpectBody(Encoding.UTF8.GetBytes(expected), sampleEvery);

    /// <summary>The body (at most <paramref name="maxBodyBytes"/>) must satisfy <paramref name="predicate"/>.</summary>
    public static ResponseValidator Matches(ResponsePredicate predicate, int sampleEvery = 1, int maxBodyBytes = 64 * 1024) =>
        new(null, predicate ?? throw new ArgumentNullException(nameof(predicate)), sampleEvery, maxBodyBytes);

    /// <summary>No body is sampled: status and length only.</summary>
    public static ResponseValidator StatusAndLength(int status, long minBodyLength, long maxBodyLength) =>
        new ResponseValidator(null, null, 1, 0).WithEveryResponse(status, minBodyLength, maxBodyLength);

    /// <summary>This validator, and on every response: exactly <paramref name="status"/>, a body of the given length range.</summary>
    public ResponseValidator WithEveryResponse(int status, long minBodyLength, long maxBodyLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minBodyLength, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyLength, minBodyLength);
        return new(_expected, _predicate, SampleEvery, MaxBodyBytes) { ExpectStatus = status, MinBodyLength = minBodyLength, MaxBodyLength = maxBodyLength };
    }

    /// <summary>Every response: is this status an error?</summary>
    internal bool IsStatusError(int statusCode) => ExpectStatus is { } expected ? statusCode != expected : statusCode is < 200 or >= 400;

    /// <summary>Every response: is a body of this length possible?</summary>
    internal bool LengthFits(long bodyLength) => bodyLength >= MinBodyLength && bodyLength <= MaxBodyLength;

    internal bool Check(int statusCode, ReadOnlySpan<byte> body, bool overflowed)
    {
        if (overflowed) return false;
        return _expected is not null ? body.SequenceEqual(_expected) : _predicate!(statusCode, body);
    }
}
