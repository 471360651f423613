using Bench.Core;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker;

/// <summary>
/// Removes the containers a killed harness left (kill -9 runs no cleanup): every container labelled
/// <c>bench.run</c> whose <c>bench.owner</c> process is gone from this host. Live runs, and runs owned by
/// another machine sharing the engine, are left alone.
/// </summary>
public static class DockerSweeper
{
    /// <summary>Returns the names of the containers it removed.</summary>
    public static async Task<IReadOnlyList<string>> SweepAsync(DockerOptions options, CancellationToken ct = default)
    {
        using var client = DockerEngine.CreateClient(options);
        await DockerEngine.EnsureDaemonAsync(client, options, ct);
        return await SweepAsync(client, ct);
    }

    internal static async Task<IReadOnlyList<string>> SweepAsync(DockerClient client, CancellationToken ct)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [RunOwner.RunLabel] = true } },
        }, ct);
        var removed = new List<string>();
        foreach (var c in containers)
        {
            c.Labels.TryGetValue(RunOwner.OwnerLabel, out var owner);
            if (!RunOwner.IsDead(owner)) continue;
            try
            {
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
                removed.Add(c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]);
            }
            catch (DockerApiException e) when (DockerEngine.IsGone(e)) { }
            catch (DockerApiException e)
            {
                throw new BenchException($"cannot remove container {c.ID[..12]} left by a killed run: {e.ResponseBody?.Trim()}", e);
            }
        }
        return removed;
    }
}
