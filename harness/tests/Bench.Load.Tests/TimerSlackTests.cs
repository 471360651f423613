using Bench.Load.Models;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// The open model sleeps until each request's intended time; with the kernel's default 50 µs timer slack
/// every send could leave up to 50 µs late, charged to the target. Each worker thread sets its own slack
/// (a per-thread setting), read here from /proc while the run lasts.
/// </summary>
[Collection(Serial.Name)]
public class TimerSlackTests
{
    [Fact]
    public async Task Worker_threads_run_with_a_1_ns_timer_slack()
    {
        await using var server = new FaultyServer();
        var run = LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 2, Workers = 2, Duration = TimeSpan.FromSeconds(1.5),
            Model = LoadModel.ConstantRate(200),
        });
        await Task.Delay(TimeSpan.FromSeconds(0.7));
        var slacks = WorkerThreadSlacks();
        await run;

        Assert.Equal(2, slacks.Count);
        Assert.All(slacks, ns => Assert.Equal(1, ns));
        // the setting is the workers' own: the process's main thread keeps the default
        Assert.NotEqual(1, Slack("/proc/self"));
    }

    private static List<long> WorkerThreadSlacks() =>
        [.. Directory.GetDirectories("/proc/self/task")
            .Where(t => File.ReadAllText(Path.Combine(t, "comm")).Trim().StartsWith("bench-load-", StringComparison.Ordinal))
            .Select(t => Slack($"/proc/{Path.GetFileName(t)}"))]; // /proc/<tid>: task/<tid> has no timerslack_ns

    private static long Slack(string proc) =>
        long.Parse(File.ReadAllText($"{proc}/timerslack_ns").Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
