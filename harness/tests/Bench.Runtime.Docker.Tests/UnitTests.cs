using System.Formats.Tar;
using Bench.Core;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker.Tests;

/// <summary>The parts that need no engine: Dockerfile reading, build contexts, stats arithmetic, owners, errors.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Dockerfile_sources_and_base_images_are_read()
    {
        var info = DockerfileInfo.Parse("""
            # comment
            FROM --platform=linux/amd64 bench-base:bookworm AS run
            COPY a/bin/x \
                 a/lib/ /opt/
            COPY --chown=1:1 ["a/with space", "/b"]
            COPY --from=build /out /out
            ADD ./b/c.txt /c.txt
            FROM run
            RUN echo COPY nothing here
            """);
        Assert.Equal(["bench-base:bookworm"], info.BaseImages);
        Assert.Equal(["a/bin/x", "a/lib/", "a/with space", "./b/c.txt"], info.Sources);
    }

    [Fact]
    public void Dockerfile_wildcards_are_refused_with_a_reason()
    {
        var e = Assert.Throws<BenchException>(() => DockerfileInfo.Parse("FROM x\nCOPY a/*.js /app/\n"));
        Assert.Contains("wildcards", e.Message);
    }

    [Fact]
    public void Every_target_has_a_Dockerfile_local_whose_sources_are_in_targets_or_from_the_host()
    {
        foreach (var target in TargetCatalog().All)
        {
            var info = DockerfileInfo.Parse(File.ReadAllText(Path.Combine(target.Directory, "Dockerfile.local")));
            Assert.Equal(["bench-base:bookworm"], info.BaseImages);
            Assert.NotEmpty(info.Sources);
            Assert.All(info.Sources, s => Assert.True(s.StartsWith(BuildContext.HostPrefix) || s.StartsWith(target.Name + "/") || s.StartsWith("node-fastify/"), s));
        }
    }

    [Fact]
    public async Task Build_context_holds_the_Dockerfile_and_exactly_what_it_copies()
    {
        var root = Directory.CreateTempSubdirectory("bench-ctx-").FullName;
        try
        {
            var target = Directory.CreateDirectory(Path.Combine(root, "t")).FullName;
            Directory.CreateDirectory(Path.Combine(target, "bin"));
            File.WriteAllText(Path.Combine(target, "bin", "app"), "binary");
            File.WriteAllText(Path.Combine(target, "secret.txt"), "not copied");
            File.WriteAllText(Path.Combine(target, "Dockerfile.local"), "FROM bench-base:bookworm\nCOPY t/bin/ /app/\nCOPY _host/bin/sh /bin/sh2\n");

            var context = BuildContext.ForTarget(target);
            var entries = await TarEntries(context);

            Assert.Equal(["Dockerfile", "_host/bin/sh", "t/bin", "t/bin/app"], entries.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("binary", entries["t/bin/app"]);
            Assert.Contains("COPY t/bin/ /app/", entries["Dockerfile"]);

            var before = context.Fingerprint(["sha256:base"]);
            Assert.Equal(before, BuildContext.ForTarget(target).Fingerprint(["sha256:base"]));
            Assert.NotEqual(before, context.Fingerprint(["sha256:other-base"]));
            // a rewrite with the same content (go build does that) changes nothing; new content does
            File.SetLastWriteTimeUtc(Path.Combine(target, "bin", "app"), DateTime.UtcNow.AddMinutes(1));
            Assert.Equal(before, BuildContext.ForTarget(target).Fingerprint(["sha256:base"]));
            File.WriteAllText(Path.Combine(target, "bin", "app"), "binary 2");
            var changed = BuildContext.ForTarget(target).Fingerprint(["sha256:base"]);
            Assert.NotEqual(before, changed);
            // a file the Dockerfile does not copy changes nothing
            File.SetLastWriteTimeUtc(Path.Combine(target, "secret.txt"), DateTime.UtcNow.AddMinutes(2));
            Assert.Equal(changed, BuildContext.ForTarget(target).Fingerprint(["sha256:base"]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Build_context_names_a_missing_artifact()
    {
        var root = Directory.CreateTempSubdirectory("bench-ctx-").FullName;
        try
        {
            var target = Directory.CreateDirectory(Path.Combine(root, "t")).FullName;
            File.WriteAllText(Path.Combine(target, "Dockerfile.local"), "FROM bench-base:bookworm\nCOPY t/bin/app /app\n");
            var e = Assert.Throws<BenchException>(() => BuildContext.ForTarget(target));
            Assert.Contains("t/bin/app", e.Message);
            Assert.Contains("build the target first", e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Host_dotnet_is_the_runtime_without_the_sdk()
    {
        var root = Directory.CreateTempSubdirectory("bench-ctx-").FullName;
        try
        {
            var target = Directory.CreateDirectory(Path.Combine(root, "t")).FullName;
            File.WriteAllText(Path.Combine(target, "Dockerfile.local"), "FROM bench-base:bookworm\nCOPY _host/dotnet/ /usr/share/dotnet/\n");
            var names = (await TarEntries(BuildContext.ForTarget(target), withContent: false)).Keys.ToList();
            Assert.Contains("_host/dotnet/dotnet", names);
            Assert.Contains(names, n => n.StartsWith("_host/dotnet/host/fxr/"));
            Assert.Contains(names, n => n.StartsWith("_host/dotnet/shared/Microsoft.NETCore.App/") && n.EndsWith("/System.Private.CoreLib.dll"));
            Assert.Contains(names, n => n.StartsWith("_host/dotnet/shared/Microsoft.AspNetCore.App/"));
            Assert.DoesNotContain(names, n => n.StartsWith("_host/dotnet/sdk") || n.StartsWith("_host/dotnet/packs"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Memory_is_usage_less_inactive_cache_as_docker_stats_shows_and_cpu_is_in_seconds()
    {
        var v1 = ContainerStats.ToSnapshot(Stats(100_000_000, 2_500_000_000, ("total_inactive_file", 30_000_000), ("cache", 50_000_000)));
        Assert.Equal(70_000_000, v1.MemoryBytes);
        Assert.Equal(2.5, v1.CpuSeconds, 9);
        var v2 = ContainerStats.ToSnapshot(Stats(100_000_000, 0, ("inactive_file", 10_000_000)));
        Assert.Equal(90_000_000, v2.MemoryBytes);
        var none = ContainerStats.ToSnapshot(Stats(5_000, 0));
        Assert.Equal(5_000, none.MemoryBytes);
    }

    [Fact]
    public void Engine_times_with_nanoseconds_parse_to_the_tick()
    {
        Assert.Equal(new DateTime(2026, 12, 2, 4, 20, 1, DateTimeKind.Utc).AddTicks(1234567), ContainerStats.ParseEngineTime("2026-12-02T04:20:01.123456789Z"));
        Assert.Equal(new DateTime(2026, 12, 2, 4, 20, 1, DateTimeKind.Utc), ContainerStats.ParseEngineTime("2026-12-02T04:20:01Z"));
        Assert.Null(ContainerStats.ParseEngineTime("0001-01-01T00:00:00Z")); // the engine's "never started"
        Assert.Null(ContainerStats.ParseEngineTime(""));
    }

    private static ContainerStatsResponse Stats(ulong usage, ulong cpuNs, params (string Key, ulong Value)[] stats) => new()
    {
        MemoryStats = new MemoryStats { Usage = usage, Stats = stats.ToDictionary(s => s.Key, s => s.Value) },
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = cpuNs } },
    };

    [Fact]
    public void Owner_is_dead_only_when_its_process_is_gone_from_this_host()
    {
        Assert.False(RunOwner.IsDead(RunOwner.Current));
        Assert.True(RunOwner.IsDead(RunOwner.Format(Environment.MachineName, DockerSweeperTests.FindDeadPid(), "1")));
        Assert.False(RunOwner.IsDead(RunOwner.Format("another-host", DockerSweeperTests.FindDeadPid(), "1")));
        Assert.False(RunOwner.IsDead("not an owner"));
        Assert.False(RunOwner.IsDead(null));
        // pid 1 lives, but was not started at tick 1: a reused pid
        Assert.True(RunOwner.IsDead(RunOwner.Format(Environment.MachineName, 1, "999999999999")));
    }

    [Fact]
    public async Task No_engine_gives_one_error_that_says_what_to_do()
    {
        var options = new DockerOptions { RunId = "x", Host = "unix:///tmp/bench-no-such-engine.sock" };

        var e = await Assert.ThrowsAsync<BenchException>(() => DockerEngine.EnsureDaemonAsync(options));

        Assert.StartsWith("no Docker engine answers at unix:///tmp/bench-no-such-engine.sock", e.Message);
        Assert.Contains("DOCKER_HOST", e.Message);
        Assert.Contains("ensure-daemon.sh", e.Message);
        await Assert.ThrowsAsync<BenchException>(() => DockerRuntime.CreateAsync(options));
    }

    [Fact]
    public void Engine_address_and_target_address_follow_the_host()
    {
        Assert.Equal("tcp://10.1.2.3:2376", DockerEngine.ResolveHost(new DockerOptions { RunId = "x", Host = "tcp://10.1.2.3:2376" }));
        Assert.Equal("10.1.2.3", DockerEngine.ResolveTargetAddress(new DockerOptions { RunId = "x", Host = "tcp://10.1.2.3:2376" }));
        Assert.True(DockerEngine.IsRemote(new DockerOptions { RunId = "x", Host = "tcp://10.1.2.3:2376" }));
        Assert.Equal("127.0.0.1", DockerEngine.ResolveTargetAddress(new DockerOptions { RunId = "x", Host = "unix:///var/run/docker.sock" }));
        Assert.False(DockerEngine.IsRemote(new DockerOptions { RunId = "x", Host = "tcp://localhost:2375" }));
        Assert.Equal("192.168.0.9", DockerEngine.ResolveTargetAddress(new DockerOptions { RunId = "x", Host = "tcp://engine:2376", TargetAddress = "192.168.0.9" }));
        Assert.Throws<BenchException>(() => DockerEngine.CreateClient(new DockerOptions { RunId = "x", Host = "engine:2376" }));
    }

    private static Core.Targets.TargetCatalog TargetCatalog() => Core.Targets.TargetCatalog.Load();

    private static async Task<Dictionary<string, string>> TarEntries(BuildContext context, bool withContent = true)
    {
        using var tar = new MemoryStream();
        await context.WriteTarAsync(tar, CancellationToken.None);
        tar.Position = 0;
        var entries = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            var content = "";
            if (withContent && entry.DataStream is not null)
                content = new StreamReader(entry.DataStream).ReadToEnd();
            entries[entry.Name.TrimEnd('/')] = content;
        }
        return entries;
    }
}
