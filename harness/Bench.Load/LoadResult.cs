using System.Text.Json;
using System.Text.Json.Serialization;
using HdrHistogram;

namespace Bench.Load;

/// <summary>
/// The outcome of one load run. Serialised (camelCase) into results: throughput counts successful
/// requests only; errors are reported beside it, never mixed in.
/// </summary>
public sealed class LoadResult
{
    public required string Target { get; init; }
    /// <summary>"closed", "constantRate" or "ramp".</summary>
    public required string Model { get; init; }
    public required int Connections { get; init; }
    public required int Workers { get; init; }
    public required int PipelineDepth { get; init; }
    /// <summary>Length of the measured window (after warmup), seconds.</summary>
    public required double DurationSeconds { get; init; }
    public required double WarmupSeconds { get; init; }

    /// <summary>Successful requests completed in the measured window.</summary>
    public required long Requests { get; init; }
    /// <summary>Successful requests per second of the measured window.</summary>
    public required double RequestsPerSecond { get; init; }
    public required LatencySummary Latency { get; init; }
    public required ErrorSummary Errors { get; init; }
    /// <summary>
    /// Requests the end of the run left without an answer: in flight, or (open model) due but not yet sent.
    /// Open model: all of them are in <see cref="Latency"/> at their elapsed time; closed model: those older
    /// than the slowest answered request (see Worker.RecordUnfinished for why).
    /// </summary>
    public long UnfinishedAtEnd { get; init; }
    /// <summary>Set for the open model (constant rate or ramp) only.</summary>
    public OpenModelSummary? OpenModel { get; init; }
    public required IReadOnlyList<LoadSecond> Timeline { get; init; }

    /// <summary>The numbers may describe the generator, not the server: <see cref="EngineBound"/> found a reason.</summary>
    public required bool LoadGeneratorBound { get; init; }
    /// <summary>Why the engine may have been the bottleneck, and the figures judged (wait inside the engine, idle connections, run queue, ceiling, CPU).</summary>
    public Bound.EngineBound? EngineBound { get; init; }
    /// <summary>The engine process's CPU use over the measured window, in % of the cores it may use.</summary>
    public required double EngineCpuPercent { get; init; }
    /// <summary>CPUs the engine could run on, e.g. "0".</summary>
    public required string EngineCpus { get; init; }
    /// <summary>Connections re-opened during the run (server closes, resets, timeouts).</summary>
    public required long Reconnects { get; init; }
    /// <summary>
    /// Bytes the engine's worker threads allocated per request (success or error) in the measured window:
    /// ~0 in steady state. Allocation means GC pauses, which would land in the measured latencies.
    /// </summary>
    public double EngineAllocatedBytesPerRequest { get; init; }
    /// <summary>The run was stopped before its planned end.</summary>
    public bool Cancelled { get; init; }

    /// <summary>
    /// Latencies (µs) of the measured window: successful requests, plus timed-out ones and those unfinished at
    /// the end at their elapsed time (see <see cref="UnfinishedAtEnd"/>); also what <see cref="WriteHlog"/> saves.
    /// </summary>
    [JsonIgnore]
    public LongHistogram Histogram { get; init; } = Recording.LatencyRecorder.Create();

    /// <summary>Shared options: camelCase, indented, enums as strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Writes the histogram in HdrHistogram's log format (.hlog), so histograms from several runs or
    /// generators can be merged exactly — percentiles cannot be averaged.
    /// </summary>
    public void WriteHlog(Stream stream, DateTime? startTime = null)
    {
        Histogram.Tag = "latency_us";
        // HdrHistogram.NET writes UTF-16; the .hlog format (and the Java/Go/Rust tools that merge logs) is ASCII.
        using var utf16 = new MemoryStream();
        HistogramLogWriter.Write(utf16, startTime ?? DateTime.UtcNow, Histogram);
        var text = System.Text.Encoding.Unicode.GetString(utf16.GetBuffer(), 0, (int)utf16.Length).TrimStart('\uFEFF');
        var ascii = System.Text.Encoding.ASCII.GetBytes(text);
        stream.Write(ascii);
    }

    public void SaveHlog(string path)
    {
        using var file = File.Create(path);
        WriteHlog(file);
    }
}
