using BenchmarkDotNet.Attributes;
using Bench.Load.Connections;
using Bench.Load.Http;
using Bench.Load.Models;

namespace Bench.Benchmarks;

/// <summary>
/// Issuing one request without the socket: the open model's next intended time, round-robin choice of
/// a pre-built variant (16 distinct JWTs), the copy into the connection's send buffer and the in-flight
/// bookkeeping, then popping it again as its response would.
/// </summary>
[MemoryDiagnoser]
public class RequestScheduling
{
    private const int Requests = 1000;
    private readonly OpenSchedule _constant = new(0, 100_000, 100_000, TimeSpan.Zero, TimeSpan.FromSeconds(10), System.Diagnostics.Stopwatch.Frequency);
    private readonly OpenSchedule _ramp = new(0, 1_000, 100_000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), System.Diagnostics.Stopwatch.Frequency);
    private byte[][] _variants = [];
    private Connection _connection = null!;
    private long _k;

    [GlobalSetup]
    public void Setup()
    {
        var target = new Uri("http://127.0.0.1:8080/jwt");
        var pool = RequestPool.Generate(16, i => new RequestTemplate(target, "GET",
            [new("Authorization", $"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI{i:D4}IiwibmFtZSI6IlVzZXIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.sig")]));
        _variants = [.. Enumerable.Range(0, pool.Count).Select(i => pool[i].Bytes.ToArray())];
        _connection = new Connection(0, pipelineDepth: 16, pool.MaxRequestBytes, captureBytes: -1);
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public long ConstantRateIntendedTime()
    {
        long sum = 0;
        for (var i = 0; i < Requests; i++) sum += _constant.IntendedAt(_k++);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public long RampIntendedTime()
    {
        long sum = 0;
        for (var i = 0; i < Requests; i++) sum += _ramp.IntendedAt(_k++ % 1_000_000);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public long SelectQueueAndComplete()
    {
        var c = _connection;
        var next = 0;
        long sum = 0;
        for (var i = 0; i < Requests; i++)
        {
            var v = next;
            if (++next == _variants.Length) next = 0;
            c.Enqueue(_variants[v]);
            c.Inflight.Push(i, i, v);
            if (!c.Inflight.HasRoom)
            {
                while (c.Inflight.Count > 0) sum += c.Inflight.Pop();
                c.Close(); // no socket here: just empties the send buffer, as a completed send would
            }
        }
        return sum;
    }
}
