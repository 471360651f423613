using System.Text.Json;
using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Database;
using Bench.Runtime.Resources;
using Bench.Runtime.Targets;
using Bench.Testing;
using NJsonSchema;

namespace Bench.Pipeline.Tests;

/// <summary>
/// A real run on the local runtime: two real targets, the embedded database, short windows. Asserts what the
/// run produced and that it left nothing running, never how fast anything was.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EndToEndRunTests(EndToEndRunTests.Run run) : IClassFixture<EndToEndRunTests.Run>
{
    private ResultsStore Results => run.Store;


    private static readonly IReadOnlyList<Scenario> Scenarios = ScenarioCatalog.Parse("""
        scenarios:
          - name: plaintext
            request: { path: /plaintext }
            load: { connections: 8, duration: 3s, warmup: 200ms }
          - name: profile
            request: { path: /profile, jwt: true, variants: 4 }
            load: { connections: 8, duration: 1s, warmup: 0s }
          - name: process-open
            request: { path: /json/process, orderBytes: 1024, variants: 2 }
            load: { model: open, rate: 200, connections: 4, duration: 1s, warmup: 0s }
        """, "test");

    /// <summary>The run itself, once for all the assertions below.</summary>
    public sealed class Run : IAsyncLifetime
    {
        private readonly TempFolder _out = new("bench-e2e");
        public string Out => _out.Path;
        public ResultsStore Store { get; private set; } = null!;
        public int DatabasePort { get; private set; }

        public async Task InitializeAsync()
        {
            var catalog = TargetCatalog.Load();
            var targets = new[] { catalog.Get("go-nethttp"), catalog.Get("node-fastify") };
            foreach (var t in targets) await TargetBuilder.BuildAsync(t);
            var cpus = CpuLayout.Default();
            await using var db = await DatabaseProvisioner.StartAsync(null, cpus.DatabaseCpus);
            DatabasePort = ((EmbeddedPostgres)db).Port; // remembered to prove the server is gone afterwards
            var context = new RunContext { Database = db, JwtSecret = Secrets.NewJwtSecret(), Cpus = cpus, Claims = Core.Claims.ClaimCatalogLoader.Load() };
            // as `bench run` does: a memory limit, so a cgroup per target where this machine allows one
            await using var runtime = new LocalRuntime(memoryLimitBytes: 1L << 30);
            Store = await new RunOrchestrator(runtime, context, new SilentRunObserver()).RunAsync(targets, Scenarios, trials: 1, Out, CancellationToken.None);
        }

        public Task DisposeAsync()
        {
            _out.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Results_json_is_valid_against_the_published_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"));
        var errors = schema.Validate(await File.ReadAllTextAsync(Results.ResultsPath));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Every_target_ran_every_scenario_with_real_figures()
    {
        var results = ResultsStore.Read(Results.ResultsPath);
        Assert.NotNull(results.FinishedUtc);
        Assert.Equal(RunStatus.Complete, results.Status);
        // every target × scenario once (kept attempts), plus the A/A comparison's second arm
        var kept = results.Trials.Where(t => t.Retried != true).ToList();
        Assert.Equal(6, kept.Count(t => t.Arm != NoiseArm.A2));
        Assert.Equal(("go-nethttp", "plaintext"), Assert.Single(kept, t => t.Arm == NoiseArm.A2) is var a2 ? (a2.Target, a2.Scenario) : default);
        Assert.Equal(("go-nethttp", "plaintext"), Assert.Single(kept, t => t.Arm == NoiseArm.A1) is var a1 ? (a1.Target, a1.Scenario) : default);
        foreach (var t in results.Trials)
        {
            Assert.Null(t.Failure);
            Assert.True(t.Requests > 0, $"{t.Target}/{t.Scenario}: no successful requests");
            Assert.Equal(0, t.Errors!.Total);
            // the latency covers the successes (no errors here) plus at most the requests the end cut short
            Assert.InRange(t.Latency!.Count, t.Requests!.Value, t.Requests.Value + t.UnfinishedAtEnd!.Value);
            // a loopback round trip to a healthy target: microseconds to milliseconds, never zero, never a second
            Assert.InRange(t.Latency.P50Us, 1, 1_000_000);
            Assert.True(t.StartupMs > 0);
            Assert.Equal(StartupClock.ExecToFirstOk, t.StartupClock);
            Assert.True(t.IdleRssBytes > 1_000_000, $"{t.Target}: idle memory {t.IdleRssBytes} is not a process's memory");
            if (t.MemorySource != MemorySource.ProcRss)
            {
                // the kernel's high-water mark of the same group's usage (page cache included) bounds every reading
                Assert.True(t.KernelPeakBytes >= t.PeakRssBytes, $"{t.Target}: kernel peak {t.KernelPeakBytes} < polled peak {t.PeakRssBytes}");
                // page cache is charged to whoever read it first (the binary: the build, an earlier trial), so only anon is sure
                Assert.True(t.PeakAnonBytes > 1_000_000, $"{t.Target}: anonymous memory {t.PeakAnonBytes}");
            }
            Assert.True(t.TargetCpuSeconds > 0, $"{t.Target}/{t.Scenario}: the target used no CPU under load?");
            // the embedded database's CPU is counted with the target's: a request costs more CPU with it than without
            Assert.NotNull(t.DatabaseCpuSeconds);
            Assert.True(t.RequestsPerCpuSecondWithDatabase <= t.RequestsPerCpuSecond);
            Assert.True(t.ArtifactBytes > 0);
            Assert.True(File.Exists(Path.Combine(run.Out, t.HistogramFile!)));
            // the machine figures of the window: both CPU sets read, the window as long as the load ran. The
            // marks bracket the whole load run, so a first trial's in-run warmup (twice the warmup's last p99,
            // 0.5-5 s: CI once saw 3 s after a stall) is inside it; WarmupSeconds bounds that part from above.
            Assert.Equal([CpuRole.Engine, CpuRole.Target], t.Machine!.CpuSets.Select(s => s.Role));
            Assert.InRange(t.Machine.WindowSeconds, t.DurationSeconds!.Value, t.DurationSeconds.Value + t.WarmupSeconds!.Value + 2);
            // a disturbed attempt is run again until the retries run out; only then does a flagged one stay
            if (t.Retried == true) Assert.True(TrialFlags.IsDisturbed(t.Flags));
            else if (TrialFlags.IsDisturbed(t.Flags)) Assert.Equal(results.Settings.Retries + 1, t.Attempt);
        }
        // /profile queries the database for every request: its CPU time is real work, not background noise
        foreach (var profile in results.Trials.Where(t => t.Scenario == "profile"))
            Assert.True(profile.DatabaseCpuSeconds > 0.05 * profile.TargetCpuSeconds, $"{profile.Target}: database {profile.DatabaseCpuSeconds} s, target {profile.TargetCpuSeconds} s");
        Assert.Equal(results.Trials.Count(t => t.Retried == true), results.Machine!.RerunTrials);
        // the A/A arms (plaintext: 3 s windows, so at least two whole seconds each) give the run its floor
        var floor = results.NoiseFloor ?? throw new Xunit.Sdk.XunitException("no noise floor");
        Assert.Equal(("go-nethttp", "plaintext"), (floor.Target, floor.Scenario));
        Assert.True(floor.Ratio > 0 && floor.HalfWidth >= Math.Abs(floor.Ratio - 1));
        // The open-model trial ran at its rate: 200 req/s for 1 s is about 200 requests, whatever the machine.
        foreach (var open in results.Trials.Where(t => t.Scenario == "process-open"))
        {
            Assert.NotNull(open.OpenModel);
            Assert.InRange(open.Requests!.Value, 150, 250);
            // 200 req/s is a sliver of what these targets serve: no request waits for another, so the median is
            // one round trip; 20 ms leaves room for a scheduler hiccup on a busy 2-core machine, not for a queue
            Assert.InRange(open.Latency!.P50Us, 1, 20_000);
        }
        Assert.Equal(["go-nethttp", "node-fastify"], results.Environment.Targets.Keys.Order());
    }

    [Fact]
    public void Nothing_is_left_running()
    {
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"{EmbeddedPostgres.FolderPrefix}{Environment.ProcessId}-*"));
        using var probe = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => probe.Connect("127.0.0.1", run.DatabasePort));
        // No target process of this run survives: none runs from this checkout's targets folder (another
        // checkout's targets may run on the same machine: they are not this run's).
        Assert.Empty(TargetLeftovers.Under(Core.RepoPaths.Targets, TargetLeftovers.RealServers));
    }

    [Fact]
    public void Results_json_is_never_half_written()
    {
        Assert.False(File.Exists(Results.ResultsPath + ".tmp"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Results.ResultsPath));
        Assert.Equal(3, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        // the run judged every catalog claim, none dropped, each with a verdict and a reason
        var claims = doc.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(Core.Claims.ClaimCatalogLoader.Load().Claims.Select(c => c.Id), claims.Select(c => c.GetProperty("id").GetString()));
        Assert.All(claims, c => Assert.NotEqual("", c.GetProperty("reason").GetString()));
    }
}

/// <summary>The committed sample results stay valid against the schema they document.</summary>
public class SampleResultsTests
{
    private static readonly string LocalDefault = Path.Combine(Core.RepoPaths.Results, "sample", "local-default", ResultsStore.FileName);

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> Validate(string json) =>
        (await JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"))).Validate(json);

    [Fact]
    public async Task A_version_3_run_with_its_claims_is_valid_against_the_published_schema()
    {
        // as `bench verdicts --write` stores them: the sample's own file with the claims judged from it added
        var text = await File.ReadAllTextAsync(LocalDefault);
        var catalog = Core.Claims.ClaimCatalogLoader.Load();
        var judged = ResultsStore.WithClaims(ResultsStore.Read(LocalDefault), catalog);
        Assert.Equal(catalog.Claims.Count, judged.Claims!.Count);
        var json = ResultsStore.AddClaims(text, judged);
        Assert.Equal(3, JsonDocument.Parse(json).RootElement.GetProperty("schemaVersion").GetInt32());
        var errors = await Validate(json);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        // every field the sample had is still there, as it was
        using var before = JsonDocument.Parse(text);
        using var after = JsonDocument.Parse(json);
        foreach (var field in before.RootElement.EnumerateObject().Where(f => f.Name != "schemaVersion"))
            Assert.Equal(field.Value.GetRawText().Replace(" ", "").Replace("\n", ""), after.RootElement.GetProperty(field.Name).GetRawText().Replace(" ", "").Replace("\n", ""));
    }

    [Fact]
    public async Task The_schema_refuses_claims_where_they_do_not_belong_or_are_missing_and_an_unknown_verdict()
    {
        var text = await File.ReadAllTextAsync(LocalDefault);
        var judged = ResultsStore.WithClaims(ResultsStore.Read(LocalDefault), Core.Claims.ClaimCatalogLoader.Load());
        Assert.Empty(await Validate(ResultsStore.AddClaims(text, judged))); // as it should be, so each change below is what fails
        Assert.NotEmpty(await Validate(text.Replace("\"schemaVersion\": 2", "\"schemaVersion\": 3"))); // complete, version 3, no claims
        Assert.NotEmpty(await Validate(ResultsStore.AddClaims(text, judged).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 2")));
        Assert.NotEmpty(await Validate(ResultsStore.AddClaims(text, judged).Replace("\"status\": \"complete\"", "\"status\": \"interrupted\"")));
        Assert.NotEmpty(await Validate(ResultsStore.AddClaims(text, judged with { ClaimsNoiseFloor = null })));
        var json = ResultsStore.AddClaims(text, judged).Replace("\"verdict\": \"untestable\"", "\"verdict\": \"plausible\"");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"));
        Assert.NotEmpty(schema.Validate(json));
    }

    public static TheoryData<string> Samples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Core.RepoPaths.Results, "sample"), "results.json", SearchOption.AllDirectories)];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_is_valid_against_the_published_schema(string path)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"));
        var errors = schema.Validate(await File.ReadAllTextAsync(path));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        // every trial that measured a load has its histogram beside results.json (cold starts and failures have none)
        var measured = ResultsStore.Read(path).Trials.Where(t => t.Failure is null && t.Latency is not null).ToList();
        Assert.All(measured, t => Assert.True(t.HistogramFile is { } h && File.Exists(Path.Combine(Path.GetDirectoryName(path)!, h)), t.HistogramFile));
    }
}
