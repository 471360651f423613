using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker.Tests;

[Collection(DockerCollection.Name)]
public sealed class DockerSweeperTests(DockerFixture fx)
{
    [DockerFact]
    public async Task Removes_containers_of_a_killed_run_and_keeps_those_of_a_live_one()
    {
        var options = fx.Options() with { RunId = $"test-{Guid.NewGuid():N}"[..13] };
        using var client = DockerEngine.CreateClient(options);
        var deadOwner = RunOwner.Format(Environment.MachineName, FindDeadPid(), "12345");
        var dead = await CreateSleeper(client, options.RunId, deadOwner);
        var live = await CreateSleeper(client, options.RunId, RunOwner.Current);
        var elsewhere = await CreateSleeper(client, options.RunId, RunOwner.Format("some-other-host", FindDeadPid(), "1"));
        try
        {
            var removed = await DockerSweeper.SweepAsync(options);

            Assert.Contains(dead.Name, removed);
            await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(dead.Id));
            Assert.True((await client.Containers.InspectContainerAsync(live.Id)).State.Running, "a live run's container was touched");
            Assert.True((await client.Containers.InspectContainerAsync(elsewhere.Id)).State.Running, "another host's run cannot be judged from here");
        }
        finally
        {
            foreach (var c in new[] { dead, live, elsewhere })
                try { await client.Containers.RemoveContainerAsync(c.Id, new ContainerRemoveParameters { Force = true }); }
                catch (DockerContainerNotFoundException) { }
        }
    }

    [DockerFact]
    public async Task A_reused_pid_does_not_keep_a_dead_run_alive()
    {
        // The owner's pid now belongs to another process (here: this one's parent), started at another time.
        var options = fx.Options() with { RunId = $"test-{Guid.NewGuid():N}"[..13] };
        using var client = DockerEngine.CreateClient(options);
        var parent = ParentPid();
        var reused = await CreateSleeper(client, options.RunId, RunOwner.Format(Environment.MachineName, parent, "1"));
        try
        {
            var removed = await DockerSweeper.SweepAsync(options);
            Assert.Contains(reused.Name, removed);
        }
        finally
        {
            try { await client.Containers.RemoveContainerAsync(reused.Id, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
    }

    private static async Task<(string Id, string Name)> CreateSleeper(DockerClient client, string runId, string owner)
    {
        var name = $"bench-sweep-test-{Guid.NewGuid():N}"[..30];
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "bench-base:bookworm",
            Name = name,
            Cmd = ["sleep", "300"],
            Labels = new Dictionary<string, string> { [RunOwner.RunLabel] = runId, [RunOwner.OwnerLabel] = owner },
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return (created.ID, name);
    }

    private static int ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }

    internal static int FindDeadPid()
    {
        for (var pid = 4_000_000; pid > 1000; pid -= 7919)
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        throw new InvalidOperationException("no free pid found");
    }
}
