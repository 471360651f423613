using System.Text.Json;
using Bench.Testing;
using Docker.DotNet;

namespace Bench.Runtime.Docker.Tests;

/// <summary>
/// `bench run --runtime docker` as users run it (the CLI as a process): results from containers, and no
/// container left after a normal end, after Ctrl-C, or after a SIGKILL once the next run has started.
/// </summary>
public sealed class DockerRunTests : IDisposable
{
    private const int SIGINT = 2, SIGKILL = 9;
    private readonly string _scenarios = Path.Combine(Path.GetTempPath(), $"bench-docker-run-{Guid.NewGuid():N}.yaml");
    private readonly List<string> _dirs = [];

    public DockerRunTests() => File.WriteAllText(_scenarios, """
        scenarios:
          - name: plaintext
            claim: "docker run test"
            request: { path: /plaintext }
            load: { model: closed, connections: 16, duration: 10s, warmup: 2s }
        """);

    [DockerFact]
    public async Task A_docker_run_measures_targets_in_containers_and_leaves_none()
    {
        DockerEnvironment.RequireBaseImage();
        var (dir, runId) = NewRun();

        var (code, stdout, stderr) = await CliProcess.RunAsync(Run(dir, trials: 1));

        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.Equal("docker", doc.RootElement.GetProperty("settings").GetProperty("database").GetString());
        // one regular trial; the run's A/A noise floor adds an A2 trial of the same target, counted for nothing else
        var trial = Assert.Single(doc.RootElement.GetProperty("trials").EnumerateArray(),
            t => !(t.TryGetProperty("arm", out var arm) && arm.GetString() == "A2"));
        Assert.Equal("docker", trial.GetProperty("runtime").GetString());
        Assert.True(trial.GetProperty("requestsPerSecond").GetDouble() > 0);
        Assert.True(trial.GetProperty("peakRssBytes").GetInt64() > 0);
        Assert.True(trial.GetProperty("targetCpuSeconds").GetDouble() > 0);
        // The image, not the 8 MiB binary: the debootstrap minbase layer alone is ~100 MB.
        Assert.InRange(trial.GetProperty("artifactBytes").GetInt64(), 50L << 20, 2L << 30);
        Assert.DoesNotContain("failed", trial.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(await Containers(runId));
    }

    [DockerFact]
    public async Task Ctrl_c_removes_every_container_and_the_next_run_removes_those_of_a_killed_one()
    {
        DockerEnvironment.RequireBaseImage();

        var (interrupted, interruptedId) = NewRun();
        using (var cli = new CliProcess(Run(interrupted, trials: 3)))
        {
            await FirstTrialWrittenAsync(interrupted, cli);
            Assert.NotEmpty(await Containers(interruptedId));
            cli.Signal(SIGINT);
            Assert.Equal(130, await cli.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        Assert.Empty(await Containers(interruptedId));

        var (killed, killedId) = NewRun();
        using (var cli = new CliProcess(Run(killed, trials: 3)))
        {
            await FirstTrialWrittenAsync(killed, cli);
            cli.Signal(SIGKILL);
            await cli.WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.NotEmpty(await Containers(killedId)); // nobody was left to remove them

        var (next, _) = NewRun();
        var (code, stdout, stderr) = await CliProcess.RunAsync(Run(next, trials: 1));
        Assert.True(code == 0, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("left by a killed run", stderr);
        Assert.Empty(await Containers(killedId));
    }

    private (string Dir, string RunId) NewRun()
    {
        var runId = $"dockrun-{Guid.NewGuid():N}"[..16]; // the run id is the output folder's name
        var dir = Path.Combine(Path.GetTempPath(), runId);
        _dirs.Add(dir);
        return (dir, runId);
    }

    private string[] Run(string dir, int trials) =>
        ["run", "--runtime", "docker", "--quick", "--targets", "go-nethttp", "--scenarios", _scenarios, "--trials", trials.ToString(), "--out", dir];

    private static async Task FirstTrialWrittenAsync(string dir, CliProcess cli)
    {
        var results = Path.Combine(dir, "results.json");
        for (var deadline = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (File.Exists(results) && File.ReadAllText(results).Contains("\"histogramFile\"")) return;
        throw new Xunit.Sdk.XunitException($"no finished trial in {results}; stdout: {cli.Stdout}; stderr: {cli.Stderr}");
    }

    private static async Task<IList<global::Docker.DotNet.Models.ContainerListResponse>> Containers(string runId)
    {
        using var client = DockerEngine.CreateClient(new DockerOptions { RunId = runId });
        return await DockerRuntimeTests.ContainersOfRun(client, runId);
    }

    public void Dispose()
    {
        File.Delete(_scenarios);
        foreach (var dir in _dirs.Where(Directory.Exists)) Directory.Delete(dir, recursive: true);
    }
}
