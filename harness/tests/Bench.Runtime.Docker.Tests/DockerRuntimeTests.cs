using Bench.Runtime.Processes;
using Bench.Runtime.Resources;
using Bench.Core;
using Bench.Core.Targets;
using Bench.Runtime.Targets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker.Tests;

/// <summary>A real target (go-nethttp: small, quick to build) in a real container.</summary>
[Collection(DockerCollection.Name)]
public sealed class DockerRuntimeTests(DockerFixture fx)
{
    private static TargetManifest GoTarget => TargetCatalog.Load().Get("go-nethttp");

    private TargetLaunch Launch(string? cpus = null, string? jwt = null) => new()
    {
        Target = GoTarget,
        DatabaseUrl = fx.Postgres.Url,
        JwtSecret = jwt ?? Secrets.NewJwtSecret(),
        Cpus = cpus,
    };

    [DockerFact]
    public async Task Target_runs_with_its_limits_and_labels_answers_and_is_sampled()
    {
        const long memory = 256L << 20;
        await using var runtime = await DockerRuntime.CreateAsync(fx.Options(memory, cpus: 1.0));
        var launch = Launch(cpus: "1");

        await using var running = (DockerRuntime.DockerTarget)await runtime.StartAsync(launch);

        using var client = DockerEngine.CreateClient(fx.Options());
        var inspect = await client.Containers.InspectContainerAsync(running.ContainerId);
        Assert.True(inspect.State.Running);
        Assert.Equal("1", inspect.HostConfig.CpusetCpus);
        Assert.Equal(memory, inspect.HostConfig.Memory);
        Assert.Equal(1_000_000_000L, inspect.HostConfig.NanoCPUs);
        Assert.Equal("host", inspect.HostConfig.NetworkMode);
        Assert.Equal(fx.RunId, inspect.Config.Labels[RunOwner.RunLabel]);
        Assert.Equal("go-nethttp", inspect.Config.Labels[RunOwner.TargetLabel]);
        Assert.Equal(RunOwner.Current, inspect.Config.Labels[RunOwner.OwnerLabel]);
        Assert.Contains($"PORT={running.BaseUri.Port}", inspect.Config.Env);
        Assert.Contains("WORKERS=1", inspect.Config.Env);

        // From the container's own start as the engine stamped it, at a known resolution
        Assert.Equal(StartupClock.ContainerStartToFirstOk, running.StartupClock);
        var startedAt = ContainerStats.ParseEngineTime(inspect.State.StartedAt)!.Value;
        Assert.InRange(running.StartupMs, 0.1, (DateTime.UtcNow - startedAt).TotalMilliseconds);
        Assert.InRange(running.StartupPollMs, 0, 50);
        Assert.Equal(running.Image.SizeBytes, running.ArtifactBytes);
        Assert.True(running.ArtifactBytes > new FileInfo(GoTarget.ArtifactPath!).Length, "the image holds the binary and the base");

        using var http = new HttpClient { BaseAddress = running.BaseUri };
        Assert.Equal("Hello, World!", await http.GetStringAsync("plaintext"));
        Assert.Contains("\"ok\"", await http.GetStringAsync("healthz"));

        var before = await running.SampleAsync();
        Assert.True(before.MemoryBytes > 1_000_000, "memory usage of a running container");
        Assert.True(before.KernelPeakBytes >= before.MemoryBytes, "the kernel's peak of the usage is below the working set: figures of different groups?");
        // Anonymous memory, not the page cache (which may be charged to an earlier container): an idle Go server's heap,
        // stacks and runtime structures are some hundreds of KiB (CI once read 964 KiB), never nothing.
        Assert.True(before.AnonBytes > 256 * 1024, $"anonymous memory {before.AnonBytes}");
        // PSS counts the mapped binary, whose page cache the group may not be charged for: at least the anonymous part, at most the limit
        Assert.InRange(running.PssBytes()!.Value, before.AnonBytes!.Value / 2, memory);
        for (var i = 0; i < 300; i++)
            (await http.GetAsync("cpu?n=200000")).EnsureSuccessStatusCode();
        var after = await running.SampleAsync();
        Assert.True(after.CpuSeconds > before.CpuSeconds, $"CPU time did not rise under load ({before.CpuSeconds} → {after.CpuSeconds})");
        Assert.True(after.MemoryBytes > 0);
        Assert.Contains(running.MemorySource, new[] { MemorySource.CgroupV1, MemorySource.CgroupV2 }); // a local engine: read at any rate, not once a second
        // The machine-noise view: the container's session and the cgroup whose quota (1 CPU) counts its CFS periods.
        var group = await running.ProcessesAsync();
        Assert.Equal((int)(await client.Containers.InspectContainerAsync(running.ContainerId)).State.Pid, group?.SessionId);
        Assert.True(CgroupCpuStat.TryRead(group!.Cgroup!) is { Periods: > 0 }, "the quota's periods under load, from the container's cpu.stat");

        await running.DisposeAsync();
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(running.ContainerId));
    }

    [DockerFact]
    public async Task Stats_api_and_cgroup_files_agree_and_the_stats_api_alone_works_too()
    {
        await using var runtime = await DockerRuntime.CreateAsync(fx.Options() with { StatsApiOnly = true });
        await using var running = (DockerRuntime.DockerTarget)await runtime.StartAsync(Launch(cpus: "1"));
        using var http = new HttpClient { BaseAddress = running.BaseUri };

        var before = await running.SampleAsync();
        Assert.Equal(MemorySource.DockerStats, running.MemorySource);
        Assert.True(before.MemoryBytes > 0);
        for (var i = 0; i < 300; i++)
            (await http.GetAsync("cpu?n=200000")).EnsureSuccessStatusCode();
        // the stream publishes once a second: wait for a reading taken after the load
        await Task.Delay(2500);
        var after = await running.SampleAsync();
        Assert.True(after.CpuSeconds > before.CpuSeconds, $"CPU time did not rise under load ({before.CpuSeconds} → {after.CpuSeconds})");

        // The same container read both ways, idle: the same memory (within a page-cache wobble), the same CPU time.
        using var client = DockerEngine.CreateClient(fx.Options());
        var pid = (await client.Containers.InspectContainerAsync(running.ContainerId)).State.Pid;
        var cgroup = CgroupSampler.TryOpen(pid, running.ContainerId);
        Assert.NotNull(cgroup);
        var fromFiles = await cgroup.SampleAsync(CancellationToken.None);
        var fromApi = await running.SampleAsync();
        Assert.InRange(fromFiles.MemoryBytes, fromApi.MemoryBytes * 0.8, fromApi.MemoryBytes * 1.25);
        Assert.InRange(fromFiles.CpuSeconds, fromApi.CpuSeconds - 0.05, fromApi.CpuSeconds + 0.05);
    }

    [DockerFact]
    public async Task Disposing_the_runtime_leaves_no_container_of_the_run()
    {
        var options = fx.Options() with { RunId = $"test-{Guid.NewGuid():N}"[..13] };
        var runtime = await DockerRuntime.CreateAsync(options);
        await runtime.StartAsync(Launch());
        await runtime.StartAsync(Launch());
        using var client = DockerEngine.CreateClient(options);
        Assert.Equal(2, (await ContainersOfRun(client, options.RunId)).Count);

        await runtime.DisposeAsync();

        Assert.Empty(await ContainersOfRun(client, options.RunId));
    }

    [DockerFact]
    public async Task A_target_that_exits_during_startup_is_reported_with_its_output_and_removed()
    {
        var options = fx.Options() with { RunId = $"test-{Guid.NewGuid():N}"[..13] };
        await using var runtime = await DockerRuntime.CreateAsync(options);

        // The contract: a missing JWT_SECRET is a start-up error (exit code ≠ 0, message on stderr).
        var e = await Assert.ThrowsAsync<BenchException>(() => runtime.StartAsync(Launch(jwt: "")));

        Assert.Contains("go-nethttp exited during start-up", e.Message);
        Assert.Contains("JWT_SECRET", e.Message);
        using var client = DockerEngine.CreateClient(options);
        Assert.Empty(await ContainersOfRun(client, options.RunId));
    }

    [DockerFact]
    public async Task Image_is_reused_while_the_artifact_is_unchanged_and_rebuilt_when_it_changes()
    {
        // A target of its own (build: true; artifact: one file), so the test can change its artifact.
        var root = Directory.CreateTempSubdirectory("bench-image-test-").FullName;
        var name = $"test-{Guid.NewGuid():N}"[..13];
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "artifact.txt"), "one");
        File.WriteAllText(Path.Combine(dir, "Dockerfile.local"), $"FROM bench-base:bookworm\nCOPY {name}/artifact.txt /artifact.txt\n");
        var target = new TargetManifest
        {
            Name = name, Language = "none", Framework = "none", Directory = dir,
            Build = new CommandSpec { Command = ["true"], Artifact = "artifact.txt" },
            Run = new CommandSpec { Command = ["true"] },
        };
        using var client = DockerEngine.CreateClient(fx.Options());
        try
        {
            await using var runtime = await DockerRuntime.CreateAsync(fx.Options());
            var first = await runtime.PrepareAsync(target);
            Assert.True(first.Built);
            Assert.Equal(DockerRuntime.ImageTag(name), first.Tag);

            File.SetLastWriteTimeUtc(Path.Combine(dir, "artifact.txt"), DateTime.UtcNow.AddMinutes(1)); // rewritten, same content
            await using (var again = await DockerRuntime.CreateAsync(fx.Options()))
            {
                var second = await again.PrepareAsync(target);
                Assert.False(second.Built, "an unchanged artifact must not rebuild the image");
                Assert.Equal(first.Id, second.Id);
            }

            File.WriteAllText(Path.Combine(dir, "artifact.txt"), "two");
            await using var third = await DockerRuntime.CreateAsync(fx.Options());
            var rebuilt = await third.PrepareAsync(target);

            Assert.True(rebuilt.Built, "a changed artifact must rebuild the image");
            Assert.NotEqual(first.Id, rebuilt.Id);
            // the replaced image is removed, not left dangling
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.Images.InspectImageAsync(first.Id));
        }
        finally
        {
            try { await client.Images.DeleteImageAsync(DockerRuntime.ImageTag(name), new ImageDeleteParameters { Force = true }); }
            catch (DockerImageNotFoundException) { }
            Directory.Delete(root, recursive: true);
        }
    }

    internal static async Task<IList<ContainerListResponse>> ContainersOfRun(DockerClient client, string runId) =>
        await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{RunOwner.RunLabel}={runId}"] = true } },
        });
}
