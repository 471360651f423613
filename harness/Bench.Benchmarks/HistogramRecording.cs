using BenchmarkDotNet.Attributes;
using Bench.Load.Recording;

namespace Bench.Benchmarks;

/// <summary>Recording one latency: into the run's histogram and into the per-second timeline, as each success is.</summary>
[MemoryDiagnoser]
public class HistogramRecording
{
    private const int Values = 1000;
    private readonly long[] _ticks = new long[Values];
    private LatencyRecorder _recorder = new();
    private Timeline _timeline = new(4);

    [GlobalSetup]
    public void Setup()
    {
        // log-normal-ish spread from 50 µs to 50 ms, in Stopwatch ticks
        var random = new Random(42);
        for (var i = 0; i < Values; i++)
            _ticks[i] = (long)(Math.Exp(random.NextDouble() * Math.Log(1000)) * 50e-6 * System.Diagnostics.Stopwatch.Frequency);
        _recorder = new LatencyRecorder();
        _timeline = new Timeline(4);
        _timeline.Success(0, 1); // the slot's histogram exists already in steady state
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public void RecordLatency()
    {
        foreach (var t in _ticks) _recorder.RecordTicks(t);
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public void RecordLatencyAndTimeline()
    {
        foreach (var t in _ticks)
        {
            _recorder.RecordTicks(t);
            _timeline.Success(0, Ticks.ToMicroseconds(t));
        }
    }
}
