using System.Text;

namespace Bench.Load.Http;

/// <summary>Decides whether a (sampled) successful response has the right body.</summary>
/// <remarks>Called from several worker threads at once: a predicate must be thread-safe.</remarks>
public delegate bool ResponsePredicate(int statusCode, ReadOnlySpan<byte> body);

/// <summary>
/// Checks every <see cref="SampleEvery"/>-th response of each worker against an expected body or a
/// predicate; a failed check is counted as <c>bodyMismatch</c>. Sampling keeps validation off most
/// requests, and only sampled responses have their body copied.
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

    /// <summary>The body must equal <paramref name="expected"/> byte for byte.</summary>
    public static ResponseValidator ExpectBody(ReadOnlySpan<byte> expected, int sampleEvery = 1) =>
        new(expected.ToArray(), null, sampleEvery, expected.Length);

    /// <summary>The body must equal the UTF-8 bytes of <paramref name="expected"/>.</summary>
    public static ResponseValidator ExpectBody(string expected, int sampleEvery = 1) =>
        ExpectBody(Encoding.UTF8.GetBytes(expected), sampleEvery);

    /// <summary>The body (at most <paramref name="maxBodyBytes"/>) must satisfy <paramref name="predicate"/>.</summary>
    public static ResponseValidator Matches(ResponsePredicate predicate, int sampleEvery = 1, int maxBodyBytes = 64 * 1024) =>
        new(null, predicate ?? throw new ArgumentNullException(nameof(predicate)), sampleEvery, maxBodyBytes);

    internal bool Check(int statusCode, ReadOnlySpan<byte> body, bool overflowed)
    {
        if (overflowed) return false;
        return _expected is not null ? body.SequenceEqual(_expected) : _predicate!(statusCode, body);
    }
}
