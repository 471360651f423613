using System.Text;
using BenchmarkDotNet.Attributes;
using Bench.Load.Http;

namespace Bench.Benchmarks;

/// <summary>Parsing a buffer of 1,000 pipelined responses, as the engine parses a receive buffer.</summary>
[MemoryDiagnoser]
public class ResponseParsing
{
    private const int Responses = 1000;
    private byte[] _contentLength = [];
    private byte[] _chunked = [];
    private readonly byte[] _capture = new byte[64];

    [GlobalSetup]
    public void Setup()
    {
        // /json as Axum answers it, and the same body sent chunked in two pieces
        const string json = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 27\r\ndate: Tue, 25 Nov 2025 09:00:00 GMT\r\n\r\n{\"message\":\"Hello, World!\"}";
        const string chunked = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\ndate: Tue, 25 Nov 2025 09:00:00 GMT\r\n\r\n10\r\n{\"message\":\"Hell\r\nb\r\no, World!\"}\r\n0\r\n\r\n";
        _contentLength = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(json, Responses)));
        _chunked = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(chunked, Responses)));
    }

    [Benchmark(OperationsPerInvoke = Responses)]
    public int ContentLength() => ParseAll(_contentLength, null);

    [Benchmark(OperationsPerInvoke = Responses)]
    public int Chunked() => ParseAll(_chunked, null);

    /// <summary>Every response sampled for validation: the body is copied into the capture buffer.</summary>
    [Benchmark(OperationsPerInvoke = Responses)]
    public int ContentLengthCaptured() => ParseAll(_contentLength, _capture);

    private static int ParseAll(ReadOnlySpan<byte> data, byte[]? capture)
    {
        var parser = new ResponseParser();
        var statusSum = 0;
        while (data.Length > 0)
        {
            parser.Reset(false, capture);
            if (parser.Parse(data, out var consumed) != ParseStatus.Complete) throw new InvalidOperationException("bad fixture");
            statusSum += parser.StatusCode;
            data = data[consumed..];
        }
        return statusSum;
    }
}
