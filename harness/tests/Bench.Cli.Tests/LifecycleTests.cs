using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>Whatever bench starts, it stops: on SIGTERM, on Ctrl-C in the middle of a run.</summary>
public sealed class LifecycleTests
{
    private const int SIGINT = 2, SIGTERM = 15;

    private static string[] OwnClusters(int pid) =>
        Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{pid}-*").ToArray();

    // The targets' cgroups (local runtime), on v1 (cpu/bench, memory/bench) or v2 (bench).
    private static string[] OwnCgroups(int pid) =>
        new[] { "/sys/fs/cgroup/bench", "/sys/fs/cgroup/cpu/bench", "/sys/fs/cgroup/memory/bench" }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d, $"{pid}-*")).ToArray();

    [Fact]
    public async Task Serve_prints_its_address_and_cleans_up_on_sigterm()
    {
        using var cli = new CliProcess("serve", "node-fastify");
        var url = await cli.WaitForLineAsync("BENCH_URL=", TimeSpan.FromMinutes(3));
        var secret = await cli.WaitForLineAsync("BENCH_JWT_SECRET=", TimeSpan.FromSeconds(5));
        Assert.True(secret.Length >= 32);
        using (var http = new HttpClient())
            Assert.Equal("Hello, World!", await http.GetStringAsync(url + "/plaintext"));
        Assert.Single(OwnClusters(cli.Pid));

        cli.Signal(SIGTERM);

        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(OwnClusters(cli.Pid));
        using var probe = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(url + "/plaintext"));
    }

    [Fact]
    public async Task Ctrl_c_during_a_run_keeps_finished_trials_and_stops_everything()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-int-{Guid.NewGuid():N}");
        using var cli = new CliProcess("run", "--quick", "--targets", "node-fastify,go-nethttp", "--out", dir);
        // Wait for the first finished trial to be on disk, then interrupt the second.
        var results = Path.Combine(dir, "results.json");
        await CliProcess.Eventually(() => File.Exists(results) && File.ReadAllText(results).Contains("\"histogramFile\""), TimeSpan.FromMinutes(3));
        Assert.Contains("\"histogramFile\"", File.ReadAllText(results));

        cli.Signal(SIGINT);

        Assert.Equal(130, await cli.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Empty(OwnClusters(cli.Pid));
        Assert.Empty(OwnCgroups(cli.Pid));
        Assert.False(File.Exists(results + ".tmp"));
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(results));
        Assert.True(doc.RootElement.GetProperty("trials").GetArrayLength() >= 1);
        Assert.False(doc.RootElement.TryGetProperty("finishedUtc", out _));
        Assert.Equal("interrupted", doc.RootElement.GetProperty("status").GetString());
        Directory.Delete(dir, true);
    }
}

/// <summary>A run stopped before it measured anything leaves no results folder behind, whichever signal stops it.</summary>
public sealed class EmptyInterruptedRunTests
{
    [Theory]
    [InlineData(2, 130)]  // SIGINT (Ctrl-C)
    [InlineData(15, 143)] // SIGTERM: the same handling, told apart by the exit code (128 + the signal)
    public async Task A_signal_before_the_first_trial_finishes_leaves_no_results_folder(int signal, int exitCode)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-int0-{Guid.NewGuid():N}");
        using var cli = new CliProcess("run", "--quick", "--targets", "go-nethttp", "--out", dir);
        // results.json appears when the first session starts; its first --quick trial takes over a second (the start,
        // a 250 ms settle, then 0.5 s of warmup and 0.5 s of window)
        var results = Path.Combine(dir, "results.json");
        await CliProcess.Eventually(() => File.Exists(results), TimeSpan.FromMinutes(3), everyMs: 50);
        Assert.True(File.Exists(results), cli.Stderr);
        Assert.DoesNotContain("\"histogramFile\"", File.ReadAllText(results));

        cli.Signal(signal);

        Assert.Equal(exitCode, await cli.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("bench: interrupted; everything started was stopped.", cli.Stderr);
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{cli.Pid}-*"));
        Assert.False(Directory.Exists(dir), $"{dir} is still there: {string.Join(", ", Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : [])}");
    }
}

/// <summary>A harness killed with SIGKILL cleans up nothing itself: the next one must.</summary>
public sealed class KilledHarnessTests
{
    [Fact]
    public async Task The_next_run_removes_what_a_sigkilled_harness_left()
    {
        string url;
        int killedPid;
        using (var first = new CliProcess("serve", "node-fastify"))
        {
            url = await first.WaitForLineAsync("BENCH_URL=", TimeSpan.FromMinutes(3));
            killedPid = first.Pid;
            first.Signal(9);
            await first.WaitAsync(TimeSpan.FromSeconds(10));
        }
        using var http = new HttpClient();
        Assert.Equal("Hello, World!", await http.GetStringAsync(url + "/plaintext")); // orphaned, as expected
        Assert.NotEmpty(Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{killedPid}-*"));

        using (var next = new CliProcess("serve", "node-fastify"))
        {
            await next.WaitForLineAsync("BENCH_URL=", TimeSpan.FromMinutes(3));
            next.Signal(15);
            Assert.Equal(0, await next.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url + "/plaintext"));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{killedPid}-*"));
    }
}
