using System.Text.Json;
using Bench.Load;

namespace Bench.Pipeline.Results;

/// <summary>
/// results.json, rewritten after every trial by write-then-rename: a crash or Ctrl-C leaves the last
/// complete file, never a half-written one, and keeps every trial finished so far.
/// </summary>
public sealed class ResultsStore
{
    private readonly List<TrialResult> _trials = [];
    private RunResults _results;

    public string Directory { get; }
    public string ResultsPath => Path.Combine(Directory, "results.json");
    public IReadOnlyList<TrialResult> Trials => _trials;

    public ResultsStore(string directory, RunResults header)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _results = header;
        Write();
    }

    public void Append(TrialResult trial)
    {
        _trials.Add(trial);
        Write();
    }

    public void Finish()
    {
        _results = _results with { FinishedUtc = DateTime.UtcNow };
        Write();
    }

    /// <summary>Where a trial's histogram goes, relative to the results folder.</summary>
    public string HistogramPath(PlannedTrial t) => Path.Combine("histograms", $"{t.Scenario.Name}--{t.Target.Name}--{t.Trial}.hlog");

    private void Write()
    {
        var tmp = ResultsPath + ".tmp";
        using (var stream = File.Create(tmp))
            JsonSerializer.Serialize(stream, _results with { Trials = [.. _trials] }, LoadResult.JsonOptions);
        File.Move(tmp, ResultsPath, overwrite: true);
    }

    public static RunResults Read(string path) =>
        JsonSerializer.Deserialize<RunResults>(File.ReadAllText(path), LoadResult.JsonOptions)
        ?? throw new Core.BenchException($"{path} is empty.");
}
