using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Targets;

namespace Bench.Pipeline.Tests;

/// <summary>results.json says how its run ended, and a run that measured nothing leaves nothing.</summary>
public sealed class ResultsStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"bench-store-{Guid.NewGuid():N}");

    internal static RunResults Header() => new()
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
    public void A_run_still_writing_its_folder_cannot_be_resumed_beside_it_and_an_ended_one_can()
    {
        var store = new ResultsStore(_dir, Header());
        store.Append(Trial());
        var stored = ResultsStore.Read(store.ResultsPath);
        var resume = new ResumeRecord(DateTime.UtcNow, "abc", []);
        var e = Assert.Throws<Core.BenchException>(() => ResultsStore.Resume(_dir, stored, resume));
        Assert.Contains("is being written by another bench run", e.Message);
        Assert.Equal(RunStatus.Running, ResultsStore.Read(store.ResultsPath).Status); // untouched

        store.EndEarly(RunStatus.Interrupted);
        Assert.False(File.Exists(Path.Combine(_dir, ResultsStore.LockName))); // the lock goes with the run
        var resumed = ResultsStore.Resume(_dir, ResultsStore.Read(store.ResultsPath), resume);
        Assert.Equal(RunStatus.Running, ResultsStore.Read(resumed.ResultsPath).Status);
        resumed.Finish();
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

    /// <summary>rust-axum at exactly 2.5 times go-nethttp's req/s, trial by trial: the HL ratio is 2.5 whatever the bounds.</summary>
    private static readonly double[] Go = [100, 101, 102, 103, 104];

    private static TrialResult Rps(string target, int trial, double rps) => Trial() with { Target = target, Scenario = "plaintext", Trial = trial, RequestsPerSecond = rps };

    private static readonly Core.Claims.ClaimCatalog Catalog = Core.Claims.ClaimCatalogLoader.Parse("""
        sources: { B: "Article B" }
        claims:
          - id: rust-go-2-3x
            source: B
            quote: "Often 2-3x faster than Go"
            parts:
              - { metric: requestsPerSecond, scenarios: [plaintext], numerator: rust-axum, denominator: go-nethttp, rule: { range: [2, 3] } }
          - id: json-only
            source: B
            quote: "a claim on a scenario this run did not have"
            parts:
              - { metric: requestsPerSecond, scenarios: [json], numerator: rust-axum, denominator: go-nethttp, rule: greater }
        """, "test.yaml");

    [Fact]
    public void A_completed_run_holds_its_claims_judged_from_its_trials_and_they_read_back()
    {
        var store = new ResultsStore(_dir, Header());
        for (var i = 0; i < Go.Length; i++)
        {
            store.Append(Rps("go-nethttp", i + 1, Go[i]));
            store.Append(Rps("rust-axum", i + 1, 2.5 * Go[i]));
        }
        // neither counts: an attempt a retry replaced, and the A/A comparison's second arm
        store.Append(Rps("go-nethttp", 1, 10) with { Retried = true, Flags = ["interference"] });
        store.Append(Rps("rust-axum", 1, 10) with { Arm = NoiseArm.A2 });
        store.Finish(claims: Catalog);

        var read = ResultsStore.Read(store.ResultsPath);
        Assert.Equal(3, read.SchemaVersion);
        Assert.Equal(0, read.ClaimsNoiseFloor); // the run measured no A/A floor
        Assert.Equal(["rust-go-2-3x", "json-only"], read.Claims?.Select(c => c.Id));
        var claims = read.Claims!;

        var claim = claims[0];
        Assert.Equal(("Article B", "Often 2-3x faster than Go"), (claim.Source, claim.Quote));
        Assert.Equal([Core.Claims.ClaimMetric.RequestsPerSecond], claim.Metric);
        Assert.Equal(["plaintext"], claim.Scenarios);
        Assert.Equal(["rust-axum"], claim.Numerator);
        Assert.Equal(["go-nethttp"], claim.Denominator);
        Assert.Equal("rust-axum/go-nethttp requestsPerSecond in [2, 3]", claim.Claimed);
        Assert.Equal(Stats.Verdicts.Verdict.Confirmed, claim.Verdict);
        // one row: the claim's figures are the row's; 5 and 5 trials, a ratio of 2.5 with bounds either side of it
        Assert.Equal(2.5, claim.Estimate!.Value, 1e-12);
        Assert.InRange(claim.Lower!.Value, 2.3, 2.4999);
        Assert.InRange(claim.Upper!.Value, 2.5001, 2.7);
        Assert.InRange(claim.Confidence!.Value, 0.95, 1);
        Assert.Equal((5, 5), (claim.N, claim.M));
        var row = Assert.Single(claim.Rows);
        Assert.Equal((claim.Estimate, claim.Lower, claim.Upper, claim.Confidence), (row.Estimate, row.Lower, row.Upper, row.Confidence));
        Assert.Equal(("plaintext", "go-nethttp", Stats.Verdicts.Censoring.None), (row.Scenario, row.Denominator, row.Censoring));
        Assert.Equal(Stats.Verdicts.Verdict.Confirmed, Assert.Single(claim.Parts).Verdict);
        // it is the same judgement `bench verdicts` makes from the file
        var again = Claims.RunVerdicts.Judge(Catalog, read, 0)[0];
        Assert.Equal((again.Estimate, again.Lower, again.Upper, again.Verdict, again.Reason), (claim.Estimate, claim.Lower, claim.Upper, claim.Verdict, claim.Reason));

        var untested = claims[1];
        Assert.Equal(Stats.Verdicts.Verdict.Untestable, untested.Verdict);
        Assert.Equal("scenario 'json' was not run", untested.Reason);
        Assert.Null(untested.Estimate);
    }

    [Fact]
    public void Censoring_on_both_sides_reads_back()
    {
        var store = new ResultsStore(_dir, Header());
        foreach (var (target, rps) in new[] { ("go-nethttp", 100.0), ("rust-axum", 250.0) })
            store.Append(Rps(target, 1, rps) with { LoadGeneratorBound = true });
        store.Finish(claims: Catalog);
        var row = ResultsStore.Read(store.ResultsPath).Claims![0].Rows.Single();
        Assert.Equal(Stats.Verdicts.Censoring.Numerator | Stats.Verdicts.Censoring.Denominator, row.Censoring);
        Assert.Equal(2.5, row.Estimate!.Value, 1e-12);
    }

    [Fact]
    public void An_interrupted_run_gets_no_claims()
    {
        var store = new ResultsStore(_dir, Header());
        store.Append(Rps("go-nethttp", 1, 100));
        store.EndEarly(RunStatus.Interrupted);
        var read = ResultsStore.Read(store.ResultsPath);
        Assert.Null(read.Claims);
        Assert.Null(read.ClaimsNoiseFloor);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
