using System.Text.Json;

namespace Bench.Load.Bound;

/// <summary>
/// The most this engine did on this machine against a server that does nothing but answer (measured by
/// `bench calibrate`, saved as calibration.json under $BENCH_CACHE). A run close to it is limited by the
/// engine whatever the target. Comparable only with runs of the same pipeline depth and worker count.
/// </summary>
public sealed record EngineCeiling
{
    public const string FileName = "calibration.json";

    public required DateTime MeasuredUtc { get; init; }
    /// <summary>Median req/s over the calibration runs.</summary>
    public required double RequestsPerSecond { get; init; }
    /// <summary>The engine's CPU use during those runs, % of its cores.</summary>
    public required double EngineCpuPercent { get; init; }
    public required string EngineCpus { get; init; }
    public required int ServerCpu { get; init; }
    public required int Connections { get; init; }
    public required int PipelineDepth { get; init; }
    public required int Workers { get; init; }
    /// <summary>The req/s of each run the ceiling was taken from (quiet runs only), to show how much it varies.</summary>
    public IReadOnlyList<double> Runs { get; init; } = [];

    /// <summary>$BENCH_CACHE/calibration.json, with $BENCH_CACHE resolved as scripts/env.sh does.</summary>
    public static string DefaultPath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("BENCH_CACHE");
            if (string.IsNullOrEmpty(cache))
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                cache = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "bench");
            }
            return Path.Combine(cache, FileName);
        }
    }

    /// <summary>The saved ceiling, or null when none was measured (or the file is unreadable: then there is no ceiling either).</summary>
    public static EngineCeiling? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<EngineCeiling>(File.ReadAllText(path), LoadResult.JsonOptions) : null;
        }
        catch (JsonException) { return null; }
        catch (IOException) { return null; }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, LoadResult.JsonOptions));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Why this ceiling does not apply to a run, or null when it does.</summary>
    public string? MismatchWith(int pipelineDepth, int workers) =>
        pipelineDepth != PipelineDepth ? $"the ceiling was measured at pipeline {PipelineDepth}, this run pipelines {pipelineDepth}"
        : workers != Workers ? $"the ceiling was measured with {Workers} engine worker(s), this run has {workers}"
        : null;
}
