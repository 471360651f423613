using System.Text.Json;
using Bench.Load;

namespace Bench.Pipeline.Results;

/// <summary>
/// results.json, rewritten after every trial by write-then-rename: a crash or Ctrl-C leaves the last
/// complete file, never a half-written one, and keeps every trial finished so far. A run that ends before
/// any trial finished leaves nothing: there is nothing to read in it.
/// </summary>
public sealed class ResultsStore
{
    private readonly List<TrialResult> _trials = [];
    private RunResults _results;

    public string Directory { get; }
    public const string FileName = "results.json";

    public string ResultsPath => Path.Combine(Directory, FileName);
    public IReadOnlyList<TrialResult> Trials => _trials;

    private readonly bool _createdDirectory;

    public ResultsStore(string directory, RunResults header)
    {
        Directory = directory;
        _createdDirectory = !System.IO.Directory.Exists(directory);
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
        _results = _results with { FinishedUtc = DateTime.UtcNow, Status = RunStatus.Complete };
        Write();
    }

    /// <summary>
    /// The run stopped early (<see cref="RunStatus.Interrupted"/> or <see cref="RunStatus.Failed"/>): the
    /// finished trials stay, marked so no report mistakes them for a whole run; with none, the file goes
    /// (and the folder, if this store created it).
    /// </summary>
    public void EndEarly(string status, string? error = null)
    {
        if (_trials.Count > 0)
        {
            _results = _results with { Status = status, Error = error };
            Write();
            return;
        }
        File.Delete(ResultsPath);
        var histograms = Path.Combine(Directory, "histograms");
        if (System.IO.Directory.Exists(histograms)) System.IO.Directory.Delete(histograms, recursive: true);
        if (_createdDirectory && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any()) System.IO.Directory.Delete(Directory);
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
