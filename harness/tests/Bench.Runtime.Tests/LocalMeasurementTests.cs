using Bench.Runtime.Processes;
using Bench.Runtime.Resources;
using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Runtime.Tests;

/// <summary>
/// What the local runtime reports about a target's memory and start-up, checked against a stand-in target
/// (FakeTarget/server.py) whose true figures are known by construction.
/// </summary>
public sealed class LocalMeasurementTests
{
    private const int SharedMb = 128, Workers = 4;
    private const long Mb = 1 << 20;
    private static readonly Dictionary<string, string> NoEnv = [];

    private static Dictionary<string, string> Shared() => new() { ["SHARED_MB"] = $"{SharedMb}", ["FAKE_WORKERS"] = $"{Workers}" };

    [CgroupFact]
    public async Task Workers_sharing_a_region_count_it_once_read_from_the_targets_cgroup()
    {
        await using var runtime = new LocalRuntime(memoryLimitBytes: 1L << 30);
        await using var running = await runtime.StartAsync(FakeTarget.Launch(Shared()));

        var memory = await running.SampleAsync();

        // Five processes map the 128 MiB: once in the group (plus five small Python heaps), 5 × 128 MiB summed per process.
        Assert.InRange(memory.MemoryBytes, SharedMb * Mb, 2 * SharedMb * Mb);
        Assert.Equal(runtime.Limits.EnforcedBy == "cgroup v1" ? MemorySource.CgroupV1 : MemorySource.CgroupV2, running.MemorySource);
        Assert.InRange(running.PssBytes()!.Value, SharedMb * Mb, 2 * SharedMb * Mb);
        // the shared region is shmem: page cache to the kernel, whatever the process thinks of it
        Assert.True(memory.FileBytes >= SharedMb * Mb, $"file {memory.FileBytes}, anon {memory.AnonBytes}");
        Assert.True(memory.KernelPeakBytes >= memory.MemoryBytes);
    }

    [Fact]
    public async Task Without_a_cgroup_memory_is_summed_rss_and_says_so()
    {
        await using var runtime = new LocalRuntime(); // no limit asked for: no group
        await using var running = await runtime.StartAsync(FakeTarget.Launch(Shared()));

        var memory = await running.SampleAsync();

        Assert.Equal(MemorySource.ProcRss, running.MemorySource);
        Assert.True(memory.MemoryBytes >= (Workers + 1) * SharedMb * Mb, $"summed RSS {memory.MemoryBytes / Mb} MiB");
        Assert.Null(memory.KernelPeakBytes);
        // PSS divides the shared pages among the processes: the region counts once here too
        Assert.InRange(running.PssBytes()!.Value, SharedMb * Mb, 2 * SharedMb * Mb);
    }

    [CgroupFact]
    public async Task A_20_ms_peak_between_two_readings_is_caught_by_the_kernel_peak()
    {
        await using var runtime = new LocalRuntime(memoryLimitBytes: 1L << 30);
        await using var running = await runtime.StartAsync(FakeTarget.Launch(new() { ["SPIKE_MB"] = "200" }));
        using var http = new HttpClient { BaseAddress = running.BaseUri };
        // Readings only at the start and the stop: the 20 ms spike in between is seen by the kernel alone.
        await using var recorder = new ResourceRecorder(running.SampleAsync, interval: TimeSpan.FromHours(1));
        await recorder.StartAsync();

        (await http.GetAsync("spike")).EnsureSuccessStatusCode();
        var usage = await recorder.StopAsync();

        Assert.True(usage.Peak.MemoryBytes < 100 * Mb, $"polled peak {usage.Peak.MemoryBytes / Mb} MiB");
        Assert.True(usage.KernelPeakBytes >= 200 * Mb, $"kernel peak {usage.KernelPeakBytes / Mb} MiB");
    }

    [Fact]
    public async Task The_start_up_clock_starts_at_the_targets_exec_not_at_the_prefixes_before_it()
    {
        // As LocalRuntime launches: setsid, (the cgroup join,) the exec clock, the target. Here a prefix that
        // sleeps 300 ms stands for slow launch machinery: it is not the target's start-up.
        var launch = FakeTarget.Launch([], port: Net.Ports.FreeLoopbackPort());
        using var clock = new ExecClock();
        await using var process = ChildProcess.Start(launch.Target.Run.Command, launch.Target.Directory, launch.Environment(launch.Port),
            prefix: ["sh", "-c", "sleep 0.3; exec \"$@\"", "slow-prefix", .. clock.Prefix()]);

        var healthy = await HealthProbe.WaitAsync(new Uri($"http://127.0.0.1:{launch.Port}/"), process, launch, CancellationToken.None);

        var sinceSpawn = process.ElapsedMs();
        var startup = (healthy.AtUtc - clock.ExecutedAtUtc()!.Value).TotalMilliseconds;
        Assert.True(startup > 0);
        Assert.True(sinceSpawn - startup >= 300, $"from the spawn {sinceSpawn:0} ms, from the exec {startup:0} ms: the prefix's sleep is counted");
    }

    [Fact]
    public async Task Health_polls_reuse_one_connection_every_few_ms()
    {
        await using var runtime = new LocalRuntime();
        await using var running = await runtime.StartAsync(FakeTarget.Launch(new() { ["NOT_READY_MS"] = "300" }));
        using var http = new HttpClient { BaseAddress = running.BaseUri };

        // 300 ms of 503s at one poll per ms or so were served over the probe's one connection; this is the second
        Assert.Equal("2", await http.GetStringAsync("connections"));
        Assert.Equal(StartupClock.ExecToFirstOk, running.StartupClock);
        // the poll interval itself is a timing (on a loaded machine a poll waits for a core): not asserted here
        Assert.True(running.StartupPollMs > 0, "the probe reports the time between its last two polls as the resolution");
        Assert.True(running.StartupMs >= 300, $"start-up {running.StartupMs:0} ms ended before the target was ready");
    }
}
