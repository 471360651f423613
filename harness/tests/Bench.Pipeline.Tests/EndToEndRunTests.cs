using System.Text.Json;
using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline.Results;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;
using NJsonSchema;

namespace Bench.Pipeline.Tests;

/// <summary>
/// A real run on the local runtime: two real targets, the embedded database, short windows. Asserts what the
/// run produced and that it left nothing running, never how fast anything was.
/// </summary>
public sealed class EndToEndRunTests(EndToEndRunTests.Run run) : IClassFixture<EndToEndRunTests.Run>
{
    private ResultsStore Results => run.Store;


    private static readonly IReadOnlyList<Scenario> Scenarios = ScenarioCatalog.Parse("""
        scenarios:
          - name: plaintext
            request: { path: /plaintext }
            load: { connections: 8, duration: 1s, warmup: 200ms }
          - name: profile
            request: { path: /profile, jwt: true, variants: 4 }
            load: { connections: 8, duration: 1s, warmup: 0s }
          - name: process-open
            request: { path: /json/process, orderBytes: 1024, variants: 2 }
            load: { model: open, rate: 200, connections: 4, duration: 1s, warmup: 0s }
        """, "test");

    private sealed class Silent : IRunObserver
    {
        public void TrialStarting(PlannedTrial trial, int index, int count) { }
        public void LoadSecond(PlannedTrial trial, Load.LoadSecond second) { }
        public void TrialFinished(PlannedTrial trial, TrialResult result, int index, int count) { }
    }

    /// <summary>The run itself, once for all the assertions below.</summary>
    public sealed class Run : IAsyncLifetime
    {
        public string Out { get; } = Path.Combine(Path.GetTempPath(), $"bench-e2e-{Guid.NewGuid():N}");
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
            var context = new RunContext { Database = db, JwtSecret = Secrets.NewJwtSecret(), Cpus = cpus };
            await using var runtime = new LocalRuntime();
            Store = await new RunOrchestrator(runtime, context, new Silent()).RunAsync(targets, Scenarios, trials: 1, Out, CancellationToken.None);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Out, recursive: true);
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
        Assert.Equal(6, results.Trials.Count);
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
            Assert.True(t.IdleRssBytes > 1_000_000, $"{t.Target}: idle RSS {t.IdleRssBytes} is not a process's memory");
            Assert.True(t.PeakRssBytes >= t.IdleRssBytes);
            Assert.True(t.TargetCpuSeconds > 0, $"{t.Target}/{t.Scenario}: the target used no CPU under load?");
            Assert.True(t.ArtifactBytes > 0);
            Assert.True(File.Exists(Path.Combine(run.Out, t.HistogramFile!)));
        }
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
        // No target process of this run survives: their command lines name the targets' folders.
        var leftovers = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(f => { try { return File.ReadAllText(f).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(cmd => cmd.Contains("bin/go-nethttp") || cmd.Contains("node server.js"))
            .ToList();
        Assert.Empty(leftovers);
    }

    [Fact]
    public void Results_json_is_never_half_written()
    {
        Assert.False(File.Exists(Results.ResultsPath + ".tmp"));
        using var doc = JsonDocument.Parse(File.ReadAllText(Results.ResultsPath));
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
    }
}

/// <summary>The committed sample results stay valid against the schema they document.</summary>
public class SampleResultsTests
{
    public static TheoryData<string> Samples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Core.RepoPaths.Results, "sample"), "results.json", SearchOption.AllDirectories)];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_is_valid_against_the_published_schema(string path)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Core.RepoPaths.Results, "results.schema.json"));
        var errors = schema.Validate(await File.ReadAllTextAsync(path));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.All(ResultsStore.Read(path).Trials, t => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, t.HistogramFile!)), t.HistogramFile));
    }
}
