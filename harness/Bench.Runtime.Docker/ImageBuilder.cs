using System.Diagnostics;
using Bench.Core;
using Bench.Runtime.Processes;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker;

/// <summary>An image the runtime made sure of: its tag, id, size (what a deployment ships) and whether this run built it.</summary>
public sealed record DockerImage(string Tag, string Id, long SizeBytes, bool Built, TimeSpan Elapsed);

/// <summary>
/// Builds an image through the engine's API (no docker CLI) from a <see cref="BuildContext"/>, unless an image
/// with the same tag carries the same context fingerprint already.
/// </summary>
internal static class ImageBuilder
{
    public const string FingerprintLabel = "bench.fingerprint";
    public const string BaseImageScript = "scripts/docker/base-image.sh";

    public static async Task<DockerImage> EnsureAsync(DockerClient client, string tag, BuildContext context,
        IReadOnlyDictionary<string, string> labels, IProgress<string>? log, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var baseIds = new List<string>();
        foreach (var image in context.Info.BaseImages)
            baseIds.Add((await InspectOrNullAsync(client, image, ct))?.ID
                ?? throw new BenchException($"{context.Description} starts FROM {image}, which the Docker engine does not have. " +
                    $"{BaseImageScript} makes bench-base:bookworm (./bench runs it for --runtime docker); no registry is used."));
        var fingerprint = context.Fingerprint(baseIds);

        var existing = await InspectOrNullAsync(client, tag, ct);
        if (existing?.Config?.Labels is { } have && have.TryGetValue(FingerprintLabel, out var old) && old == fingerprint)
            return new DockerImage(tag, existing.ID, existing.Size, Built: false, sw.Elapsed);

        log?.Report($"building image {tag} from {context.Description}");
        var tarPath = Path.Combine(Path.GetTempPath(), $"bench-context-{Environment.ProcessId}-{Guid.NewGuid():N}.tar");
        using var tarCleanup = Cleanup.Register(() => File.Delete(tarPath));
        try
        {
            await using (var tarFile = File.Create(tarPath))
                await context.WriteTarAsync(tarFile, ct);

            var output = new OutputTail(40);
            string? error = null;
            var progress = new SyncProgress<JSONMessage>(m =>
            {
                if (m.Error?.Message is { Length: > 0 } e) error = e;
                else if (m.ErrorMessage is { Length: > 0 } em) error = em;
                foreach (var line in (m.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    output.Add(line.TrimEnd());
            });
            var allLabels = new Dictionary<string, string>(labels) { [FingerprintLabel] = fingerprint };
            var parameters = new ImageBuildParameters
            {
                Tags = [tag],
                Dockerfile = "Dockerfile",
                Labels = allLabels,
                // RUN steps (apt-get from Debian's mirror) use the host's network: the engine runs without a bridge.
                NetworkMode = "host",
                Remove = true,
                ForceRemove = true,
            };
            await using (var tarStream = File.OpenRead(tarPath))
            {
                try
                {
                    await client.Images.BuildImageFromDockerfileAsync(parameters, tarStream, null, null, progress, ct);
                }
                catch (DockerApiException e)
                {
                    error ??= e.ResponseBody?.Trim() ?? e.Message;
                }
            }
            if (error is not null)
                throw new BenchException($"building image {tag} from {context.Description} failed: {error.Trim()}{Environment.NewLine}{output}");

            var built = await InspectOrNullAsync(client, tag, ct)
                ?? throw new BenchException($"building image {tag} reported no error, but the engine has no such image.{Environment.NewLine}{output}");
            if (existing is not null && existing.ID != built.ID)
                await RemoveQuietlyAsync(client, existing.ID, ct);
            log?.Report($"built image {tag} ({built.Size / 1e6:0.0} MB) in {sw.Elapsed.TotalSeconds:0.0} s");
            return new DockerImage(tag, built.ID, built.Size, Built: true, sw.Elapsed);
        }
        finally
        {
            File.Delete(tarPath);
        }
    }

    public static async Task<ImageInspectResponse?> InspectOrNullAsync(DockerClient client, string image, CancellationToken ct)
    {
        try { return await client.Images.InspectImageAsync(image, ct); }
        catch (DockerApiException e) when (DockerEngine.IsNotFound(e)) { return null; }
    }

    /// <summary>The image a rebuild replaced: removed when nothing else uses it, otherwise left.</summary>
    private static async Task RemoveQuietlyAsync(DockerClient client, string id, CancellationToken ct)
    {
        try { await client.Images.DeleteImageAsync(id, new ImageDeleteParameters(), ct); }
        catch (DockerApiException) { }
    }
}

/// <summary>
/// Calls the handler on the reporting thread, before the operation's task completes (Progress&lt;T&gt; posts
/// to the thread pool, so its last reports can arrive after the await returned).
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
