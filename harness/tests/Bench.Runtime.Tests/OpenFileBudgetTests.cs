using Bench.Core;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Runtime.Tests;

/// <summary>Open files for massive concurrency: the arithmetic, the harness's own limit, and what a started target gets.</summary>
public sealed class OpenFileBudgetTests
{
    [Theory]
    // hard, connections, pool (null: bench load, no target of ours), the need named in the message (0: enough)
    [InlineData(20_000UL, 10_000, 16, 0UL)]          // this machine: 10,000 connections fit
    [InlineData(4_096UL, 10_000, 16, 11_040UL)]      // a common default: 10,000 + 16 pool + 1024 of the target's own
    [InlineData(11_100UL, 10_000, 150, 11_174UL)]    // the largest pool: 10,000 + 150 + 1024
    [InlineData(10_255UL, 10_000, null, 10_256UL)]   // bench load: the harness alone, one descriptor short
    [InlineData(10_256UL, 10_000, null, 0UL)]
    [InlineData(1_024UL, 64, null, 0UL)]             // bench load with the usual 64 connections fits the smallest default
    [InlineData(4_096UL, 1_000, 16, 0UL)]
    [InlineData(1_024UL, 1_000, 16, 2_040UL)]        // io-100ms-c1000 does not fit 1024
    public void The_hard_limit_must_cover_connections_plus_each_processs_own(ulong hard, int connections, int? pool, ulong need)
    {
        var line = OpenFileBudget.Shortfall(hard, connections, pool);
        if (need == 0) { Assert.Null(line); return; }
        Assert.NotNull(line);
        Assert.Contains($"need {need} open files", line);
        Assert.Contains($"hard limit (RLIMIT_NOFILE) is {hard}", line);
        Assert.Contains($"ulimit -Hn {need}", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Prepare_raises_the_harnesss_soft_limit_to_the_hard_one_only_when_connections_need_it()
    {
        var (soft, hard) = Native.GetOpenFileLimit();
        Assert.True(hard > 2_100, $"this test needs a hard limit above 2,100 (it is {hard})");
        try
        {
            Native.SetOpenFileLimit(1_024, hard);
            OpenFileBudget.Prepare(connections: 64, dbPoolSize: 16);
            Assert.Equal(1_024UL, Native.GetOpenFileLimit().Soft); // enough already: left alone
            OpenFileBudget.Prepare(connections: 1_000, dbPoolSize: 16);
            Assert.Equal((hard, hard), Native.GetOpenFileLimit());
            var e = Assert.Throws<BenchException>(() => OpenFileBudget.Prepare(connections: (int)Math.Min(hard, 100_000_000), dbPoolSize: 16));
            Assert.Contains("ulimit -Hn", e.Message);
        }
        finally
        {
            Native.SetOpenFileLimit(soft, hard);
        }
    }

    [Fact]
    public async Task A_local_target_gets_the_runtimes_limit_not_the_harnesss()
    {
        var (_, hard) = Native.GetOpenFileLimit();
        var asked = Math.Min(hard, 4_321UL);
        Assert.NotEqual(hard, asked); // otherwise inheriting the harness's limit would pass too
        await using var runtime = new LocalRuntime(openFiles: asked);
        await using var running = await runtime.StartAsync(FakeTarget.Launch([]));
        var pid = (await running.ProcessesAsync())!.SessionId;

        var line = File.ReadLines($"/proc/{pid}/limits").Single(l => l.StartsWith("Max open files"));
        Assert.Equal(["Max", "open", "files", $"{asked}", $"{asked}", "files"], line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(asked, runtime.Limits.OpenFiles);
        Assert.EndsWith($", {asked} open files", runtime.Limits.ToString());
    }

    [Fact]
    public void By_default_every_target_gets_the_harnesss_hard_limit() =>
        Assert.Equal(Native.GetOpenFileLimit().Hard, new LocalRuntime().Limits.OpenFiles);
}
