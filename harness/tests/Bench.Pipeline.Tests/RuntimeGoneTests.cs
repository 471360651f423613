using System.Net.Sockets;
using Bench.Core;
using Bench.Core.Scenarios;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Pipeline.Tests;

/// <summary>
/// The runtime going away mid-run, as the Docker engine does when dockerd stops. Stopping the machine's shared dockerd
/// would break every other run on it, so the engine here is a stand-in: real targets (local processes) for its first
/// sessions, then start requests that fail the way Docker.DotNet's do when nobody listens on the engine's socket
/// (HttpRequestException over a refused connection), while the runtime reports itself unavailable, as
/// DockerRuntime.UnavailableAsync does when its version request fails. The run must record the trial it was on as
/// failed with the reason, stop (RunAbortedException), keep every finished trial, and leave nothing running.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RuntimeGoneTests : IDisposable
{
    private readonly TempFolder _out = new("bench-runtime-gone");

    private const string Gone = "the Docker engine stopped answering: no Docker engine answers at unix:///var/run/docker.sock (Connection refused)";

    private sealed class VanishingEngine(ITargetRuntime inner, int sessions) : ITargetRuntime
    {
        private int _started;
        public string Name => "docker";
        public TargetLimits Limits => inner.Limits;

        public Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default) =>
            ++_started <= sessions
                ? inner.StartAsync(launch, ct)
                : throw new HttpRequestException("Connection refused (/var/run/docker.sock)", new SocketException((int)SocketError.ConnectionRefused));

        public Task<string?> UnavailableAsync(CancellationToken ct = default) => Task.FromResult(_started > sessions ? Gone : null);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task The_run_stops_with_the_reason_and_keeps_every_finished_trial()
    {
        var scenarios = ScenarioCatalog.Parse("""
            scenarios:
              - name: plaintext
                request: { path: /plaintext }
                load: { connections: 2, duration: 300ms, warmup: 0s }
            """, "test");
        var context = new RunContext
        {
            Database = new NoDatabase(), DatabaseKind = "external", JwtSecret = Secrets.NewJwtSecret(), Cpus = CpuLayout.Default(),
            Quick = true, NoiseFloor = false, Retries = 0,
            MachineThresholds = new MachineThresholds(StealPercent: 100, InterferencePercent: 100, ThrottledTimePercent: 100),
        };
        await using var runtime = new VanishingEngine(new LocalRuntime(), sessions: 2);
        var targets = new[] { FakeTarget.Delayed("a", 5), FakeTarget.Delayed("b", 5) };

        var e = await Assert.ThrowsAsync<RunAbortedException>(() =>
            new RunOrchestrator(runtime, context, new SilentRunObserver()).RunAsync(targets, scenarios, trials: 2, _out.Path, CancellationToken.None));

        Assert.Equal(Gone, e.Message);
        var run = ResultsStore.Read(Path.Combine(_out.Path, ResultsStore.FileName));
        Assert.Equal((RunStatus.Failed, Gone), (run.Status, run.Error));
        Assert.Null(run.Claims);
        // round 1 (a, b) measured; round 2's first session (b: the order turns) could not start: failed with the reason, and the run stopped there
        Assert.Equal([("a", 1), ("b", 1), ("b", 2)], run.Trials.Select(t => (t.Target, t.Trial)));
        Assert.All(run.Trials.Take(2), t => Assert.True(t.Failure is null && t.Requests > 0, t.Failure));
        var stopped = run.Trials[2];
        Assert.Equal(Gone, stopped.Failure);
        Assert.Equal([TrialFlags.Failed, TrialFlags.RunStopped], stopped.Flags);
        Assert.Empty(TargetLeftovers.Under(FakeTarget.Folder, [FakeTarget.DelayServer]));
    }

    public void Dispose() => _out.Dispose();
}
