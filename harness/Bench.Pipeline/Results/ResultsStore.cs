using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Core.Claims;
using Bench.Load;
using Bench.Pipeline.Claims;
using Bench.Pipeline.Machine;
using Bench.Stats.Claims;

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
    /// <summary>The claims' verdicts, once <see cref="Finish"/> has judged them.</summary>
    public IReadOnlyList<ClaimResult>? Claims => _results.Claims;

    private readonly bool _createdDirectory;
    /// <summary>How many trials the file on disk holds: the last write that succeeded.</summary>
    private int _written;

    public ResultsStore(string directory, RunResults header)
    {
        Directory = directory;
        _createdDirectory = !System.IO.Directory.Exists(directory);
        System.IO.Directory.CreateDirectory(directory);
        _lock = Lock(directory);
        _results = header;
        Write();
    }

    private ResultsStore(string directory, RunResults stored, IEnumerable<TrialResult> trials)
    {
        Directory = directory;
        _lock = Lock(directory);
        _results = stored;
        _trials.AddRange(trials);
        Write();
    }

    /// <summary>Held while a run writes its folder, so that a `--resume` of a run still going is refused, not run beside it.</summary>
    public const string LockName = ".bench-run.lock";
    private FileStream? _lock;

    /// <summary>
    /// An exclusive lock on the folder's lock file (.NET takes FileShare.None as flock(LOCK_EX) on Linux): the kernel
    /// drops it when the process ends, however it ends, so a killed run's folder can be resumed at once.
    /// </summary>
    private static FileStream Lock(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new Core.BenchException($"{directory} is being written by another bench run right now: let it end (or stop it) before resuming it.", e);
        }
    }

    private void Unlock()
    {
        if (_lock is null) return;
        File.Delete(_lock.Name);
        _lock.Dispose();
        _lock = null;
    }

    /// <summary>
    /// Continues the run in <paramref name="directory"/> (`bench run --resume`): its header and derived rates as written,
    /// its trials kept, status `running` again, and <paramref name="resume"/> added to its `resumes`. A trial that
    /// failed because the run stopped (flag runStopped) is marked `retried`: the resumed run measures it again.
    /// </summary>
    public static ResultsStore Resume(string directory, RunResults stored, ResumeRecord resume) =>
        new(directory, stored with
        {
            Status = RunStatus.Running, Error = null, FinishedUtc = null, Resumes = [.. stored.Resumes ?? [], resume], Trials = [],
        }, stored.Trials.Select(t => t.Flags.Contains(TrialFlags.RunStopped) && t.Retried != true ? t with { Retried = true } : t));

    public void Append(TrialResult trial)
    {
        _trials.Add(trial);
        try
        {
            Write();
        }
        catch (Core.RunAbortedException)
        {
            // not on disk, so not kept: its histogram goes too, and the folder holds what results.json says, no more
            _trials.RemoveAt(_trials.Count - 1);
            if (trial.HistogramFile is { } histogram && File.Exists(Path.Combine(Directory, histogram))) File.Delete(Path.Combine(Directory, histogram));
            throw;
        }
    }

    /// <summary>Records a rate the run derived (before the trials that use it run).</summary>
    public void AddDerivedRate(DerivedRate rate)
    {
        _results = _results with { DerivedRates = [.. _results.DerivedRates, rate] };
        Write();
    }

    /// <summary>
    /// Completes the run, with the machine's summary and the noise floor when there are, and every claim of
    /// <paramref name="claims"/> judged from the finished trials, in the same write as the `complete` status.
    /// </summary>
    public void Finish(RunMachine? machine = null, NoiseFloor? noiseFloor = null, ClaimCatalog? claims = null)
    {
        _results = _results with
        {
            FinishedUtc = DateTime.UtcNow, Status = RunStatus.Complete, Machine = machine, NoiseFloor = noiseFloor, Trials = [.. _trials],
        };
        if (claims is not null) _results = WithClaims(_results, claims);
        Write();
        Unlock();
    }

    /// <summary><paramref name="run"/> with its claims judged from its trials (<see cref="RunVerdicts"/>).</summary>
    public static RunResults WithClaims(RunResults run, ClaimCatalog claims, double? noiseFloor = null)
    {
        var floor = RunVerdicts.NoiseFloor(run, noiseFloor);
        return run with { Claims = RunVerdicts.Judge(claims, run, floor), ClaimsNoiseFloor = floor };
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
            try { Write(); }
            catch (Core.RunAbortedException) { /* the disk is full: the last file written stays, status `running` */ }
            Unlock();
            return;
        }
        Unlock();
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
        try
        {
            WriteAtomically(ResultsPath, stream => JsonSerializer.Serialize(stream, _results with { Trials = [.. _trials] }, LoadResult.JsonOptions));
            _written = _trials.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(ResultsPath, e);
        }
    }

    /// <summary>
    /// A file of the run (results.json, a histogram) could not be written, most often because the disk is full: the
    /// run stops, with the last complete results.json in place (write-then-rename never leaves half a file).
    /// </summary>
    public Core.RunAbortedException WriteFailed(string path, Exception e) => new(
        $"cannot write {path} ({e.Message}); the run stopped. " + (_written > 0
            ? $"{ResultsPath} holds the {_written} trials written before: make room, then `bench run --resume {Directory}` (with the same options) runs the rest."
            : "Nothing was measured yet: make room (or choose another --out), then run again."), e);

    /// <summary>
    /// Stores <paramref name="judged"/>'s claims in the results.json at <paramref name="path"/> (`bench verdicts --write`),
    /// atomically; see <see cref="AddClaims"/>.
    /// </summary>
    public static void StoreClaims(string path, RunResults judged)
    {
        var json = AddClaims(File.ReadAllText(path), judged);
        WriteAtomically(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// A results.json's text with `claims`, `claimsNoiseFloor` and the current `schemaVersion` set and every other field
    /// exactly as it was written: the file is patched, not re-serialised, so fields today's types no longer read the
    /// same way (an older noise floor's, say) are kept, not dropped or zeroed.
    /// </summary>
    public static string AddClaims(string json, RunResults judged)
    {
        var file = JsonNode.Parse(json)!.AsObject();
        file["schemaVersion"] = RunResults.CurrentSchemaVersion;
        file["claims"] = JsonSerializer.SerializeToNode(judged.Claims, LoadResult.JsonOptions);
        file["claimsNoiseFloor"] = judged.ClaimsNoiseFloor;
        return file.ToJsonString(LoadResult.JsonOptions);
    }

    /// <summary>Write-then-rename: a reader (or a crash) sees the old file or the new one, never half of one.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var tmp = path + ".tmp";
        try
        {
            using (var stream = File.Create(tmp))
                write(stream);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp); // half a file, and the space it took, go
            throw;
        }
    }

    public static RunResults Read(string path) =>
        JsonSerializer.Deserialize<RunResults>(File.ReadAllText(path), LoadResult.JsonOptions)
        ?? throw new Core.BenchException($"{path} is empty.");
}
