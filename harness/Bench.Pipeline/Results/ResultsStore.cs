using System.Text.Json;
using Bench.Load;
using Bench.Pipeline.Machine;

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
    /// <summary>The machine over the run and its noise floor, once <see cref="Finish"/> has set them.</summary>
    public RunMachine? Machine => _results.Machine;
    public NoiseFloor? NoiseFloor => _results.NoiseFloor;

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

    /// <summary>Completes the run, with the machine's summary and the noise floor when there are.</summary>
    public void Finish(RunMachine? machine = null, NoiseFloor? noiseFloor = null)
    {
        _results = _results with { FinishedUtc = DateTime.UtcNow, Status = RunStatus.Complete, Machine = machine, NoiseFloor = noiseFloor };
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
    public string HistogramPath(PlannedTrial t) => Path.Combine("histograms",
        $"{t.Scenario.Name}--{t.Target.Name}--{t.Trial}{(t.Arm == NoiseArm.A2 ? "-A2" : "")}{(t.Attempt > 1 ? $"-attempt{t.Attempt}" : "")}.hlog");

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
