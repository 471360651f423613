using Bench.Pipeline.Results;
using Bench.Runtime.Targets;

namespace Bench.Pipeline.Tests;

/// <summary>results.json says how its run ended, and a run that measured nothing leaves nothing.</summary>
public sealed class ResultsStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"bench-store-{Guid.NewGuid():N}");

    private static RunResults Header() => new()
    {
        RunId = "test",
        StartedUtc = DateTime.UtcNow,
        Environment = new EnvironmentInfo
        {
            CpuModel = "cpu", Cores = 2, MemoryBytes = 1, Kernel = "k", Os = "os", Hostname = "h", Runtime = "local",
            HarnessCommit = "abc", HarnessDotnet = ".NET", Targets = new Dictionary<string, TargetVersions>(),
        },
        Settings = new RunSettings
        {
            Targets = ["t"], Scenarios = [], Trials = 1, Quick = true, EngineCpus = "0", TargetCpus = "1", DatabaseCpus = "1",
            DbPoolSize = 16, Database = "embedded", TargetLimits = TargetLimits.None("test"),
        },
    };

    private static TrialResult Trial() => new() { Target = "t", Scenario = "s", Trial = 1, Runtime = "local", StartedUtc = DateTime.UtcNow, RequestsPerSecond = 1 };

    [Fact]
    public void A_run_in_progress_says_running_and_a_finished_one_complete()
    {
        var store = new ResultsStore(_dir, Header());
        Assert.Equal(RunStatus.Running, ResultsStore.Read(store.ResultsPath).Status);
        store.Append(Trial());
        store.Finish();
        var done = ResultsStore.Read(store.ResultsPath);
        Assert.Equal(RunStatus.Complete, done.Status);
        Assert.NotNull(done.FinishedUtc);
    }

    [Fact]
    public void An_interrupted_run_keeps_its_finished_trials_marked_interrupted()
    {
        var store = new ResultsStore(_dir, Header());
        store.Append(Trial());
        store.EndEarly(RunStatus.Interrupted);
        var read = ResultsStore.Read(store.ResultsPath);
        Assert.Equal(RunStatus.Interrupted, read.Status);
        Assert.Null(read.FinishedUtc);
        Assert.Single(read.Trials);
    }

    [Fact]
    public void A_failed_run_says_why()
    {
        var store = new ResultsStore(_dir, Header());
        store.Append(Trial());
        store.EndEarly(RunStatus.Failed, "the database went away");
        var read = ResultsStore.Read(store.ResultsPath);
        Assert.Equal(RunStatus.Failed, read.Status);
        Assert.Equal("the database went away", read.Error);
    }

    [Fact]
    public void A_run_that_ends_before_any_trial_leaves_no_folder()
    {
        var store = new ResultsStore(_dir, Header());
        Directory.CreateDirectory(Path.Combine(_dir, "histograms"));
        store.EndEarly(RunStatus.Interrupted);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void A_folder_the_user_made_is_emptied_of_our_files_but_kept()
    {
        Directory.CreateDirectory(_dir);
        var store = new ResultsStore(_dir, Header());
        store.EndEarly(RunStatus.Interrupted);
        Assert.True(Directory.Exists(_dir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
