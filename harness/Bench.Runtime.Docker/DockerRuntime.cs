using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Bench.Core.Targets;
using Bench.Runtime.Database;
using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;
using Bench.Runtime.Targets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker;

/// <summary>
/// Targets in containers (bench run --runtime docker), through the engine's API only. Per target an image
/// bench/NAME:local is built from targets/NAME/Dockerfile.local with the host-built artifact (rebuilt when
/// the artifact changes); per trial one container with host networking, the launch's cpuset, the run's
/// memory limit and CPU quota, and the labels bench.run / bench.owner / bench.target.
/// </summary>
public sealed partial class DockerRuntime : ITargetRuntime
{
    private readonly DockerClient _client;
    private readonly ConcurrentDictionary<string, Lazy<Task<DockerImage>>> _images = new();
    private readonly ConcurrentDictionary<string, RunningContainer> _containers = new();
    private readonly ConcurrentDictionary<string, byte> _requested = new();
    private int _sequence;

    public string Name => "docker";
    public TargetLimits Limits => new(Options.CpuLimit, Options.MemoryLimitBytes, "docker", Options.OpenFiles);
    public DockerOptions Options { get; }
    /// <summary>The engine's version, e.g. "20.10.24+dfsg1 (API 1.41)", for the run's environment record.</summary>
    public string EngineVersion { get; }
    /// <summary>Where the harness reaches targets and PostgreSQL.</summary>
    public string TargetAddress { get; }
    public bool IsRemote { get; }
    /// <summary>Containers of killed runs that <see cref="CreateAsync"/> removed.</summary>
    public IReadOnlyList<string> Swept { get; private set; } = [];

    private DockerRuntime(DockerClient client, DockerOptions options, string engineVersion)
    {
        _client = client;
        Options = options;
        EngineVersion = engineVersion;
        TargetAddress = DockerEngine.ResolveTargetAddress(options);
        IsRemote = DockerEngine.IsRemote(options);
    }

    /// <summary>
    /// Connects to the engine (one clear error when none answers) and removes what killed runs left behind.
    /// </summary>
    public static async Task<DockerRuntime> CreateAsync(DockerOptions options, CancellationToken ct = default)
    {
        var client = DockerEngine.CreateClient(options);
        try
        {
            var version = await DockerEngine.EnsureDaemonAsync(client, options, ct);
            var runtime = new DockerRuntime(client, options, version);
            runtime.Swept = await DockerSweeper.SweepAsync(client, ct);
            return runtime;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal DockerClient Client => _client;

    /// <summary>
    /// Builds the target (its build.sh, idempotent) and its image when missing or out of date. Done once per
    /// target per runtime; <see cref="StartAsync"/> calls it too, so calling it first only moves the build
    /// out of the first trial.
    /// </summary>
    public Task<DockerImage> PrepareAsync(TargetManifest target, CancellationToken ct = default) =>
        _images.GetOrAdd(target.Name, _ => new Lazy<Task<DockerImage>>(() => BuildTargetImageAsync(target, ct))).Value;

    private async Task<DockerImage> BuildTargetImageAsync(TargetManifest target, CancellationToken ct)
    {
        try
        {
            await TargetBuilder.BuildAsync(target, ct);
            var context = BuildContext.ForTarget(target.Directory);
            return await ImageBuilder.EnsureAsync(_client, ImageTag(target.Name), context,
                new Dictionary<string, string> { [RunOwner.TargetLabel] = target.Name }, Options.Log, ct);
        }
        catch
        {
            _images.TryRemove(target.Name, out _); // a later call may try again
            throw;
        }
    }

    public static string ImageTag(string target) => $"bench/{target}:local";

    public async Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default)
    {
        var image = await PrepareAsync(launch.Target, ct);
        var port = launch.Port != 0 ? launch.Port : FreePort();
        if (!IsRemote) Ports.EnsureFree(port);
        var env = launch.Environment(port);
        if (IsRemote) env["BIND"] = "0.0.0.0"; // the load engine is on another machine

        var parameters = new CreateContainerParameters
        {
            Image = image.Tag,
            Name = ContainerName(launch.Target.Name),
            Env = env.Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Labels = RunOwner.Labels(Options.RunId, "target", launch.Target.Name),
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                CpusetCpus = launch.Cpus ?? "",
                NanoCPUs = Options.CpuLimit is { } cores ? (long)Math.Round(cores * 1e9) : 0,
                Memory = Options.MemoryLimitBytes ?? 0,
                // no swap beyond the memory limit: a target over its limit is OOM-killed, not slowed down
                MemorySwap = Options.MemoryLimitBytes ?? 0,
                // the same open-file limit as a local target, not whatever dockerd's default-ulimits say
                Ulimits = Options.OpenFiles is { } files ? [new Ulimit { Name = "nofile", Soft = (long)files, Hard = (long)files }] : [],
            },
        };
        var container = await CreateContainerAsync(parameters, ct);
        var running = new DockerTarget(this, launch, container, image, new Uri($"http://{UriHost(TargetAddress)}:{port}/"));
        try
        {
            var requested = Stopwatch.GetTimestamp();
            await container.StartAsync(ct);
            var healthy = await HealthProbe.WaitAsync(running.BaseUri, launch, () => container.ExitCode, () => container.Output.ToString(), ct);
            // From the container's process start, as the local runtime measures from the target's exec: the
            // engine's own work (creating the task, mounts, cgroups) is not the target's start-up. A remote
            // engine's clock is not ours, so there only the harness's start request can be the beginning.
            running.StartupClock = IsRemote ? StartupClock.StartRequestToFirstOk : StartupClock.ContainerStartToFirstOk;
            running.StartupMs = IsRemote
                ? Stopwatch.GetElapsedTime(requested, healthy.AtTimestamp).TotalMilliseconds
                : (healthy.AtUtc - await container.StartedAtUtcAsync(ct)).TotalMilliseconds;
            running.StartupPollMs = healthy.SincePreviousPollMs;
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>Null while the engine answers (a version request, 10 s at most); otherwise the message that says where none answers and what to do.</summary>
    public async Task<string?> UnavailableAsync(CancellationToken ct = default)
    {
        try
        {
            await DockerEngine.EnsureDaemonAsync(_client, Options, ct);
            return null;
        }
        catch (Core.BenchException e)
        {
            return $"the Docker engine stopped answering: {e.Message}";
        }
    }

    /// <summary>PostgreSQL in a container of this run, seeded (see <see cref="DockerPostgres"/>).</summary>
    public Task<IPostgresServer> StartPostgresAsync(string? cpus = null, CancellationToken ct = default) =>
        DockerPostgres.StartAsync(this, cpus, ct);

    /// <summary>Removes containers of killed runs (see <see cref="DockerSweeper"/>).</summary>
    public Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct = default) => DockerSweeper.SweepAsync(_client, ct);

    internal async Task<RunningContainer> CreateContainerAsync(CreateContainerParameters parameters, CancellationToken ct)
    {
        // Remembered until created and tracked: a cancelled request may still have made the container.
        _requested[parameters.Name] = 0;
        var container = await RunningContainer.CreateAsync(_client, parameters, cgroupsAllowed: !IsRemote && !Options.StatsApiOnly, ct);
        _containers[container.Id] = container;
        _requested.TryRemove(parameters.Name, out _);
        return container;
    }

    internal async ValueTask RemoveAsync(RunningContainer container)
    {
        await container.DisposeAsync();
        _containers.TryRemove(container.Id, out _);
    }

    /// <summary>A port for a container on the engine's host: a free loopback port locally; a random high one remotely.</summary>
    internal int FreePort() => IsRemote ? Random.Shared.Next(20_000, 45_000) : Ports.FreeLoopbackPort();

    internal string ContainerName(string role)
    {
        var run = RunIdChars().Replace(Options.RunId, "-").Trim('-', '.', '_');
        if (run.Length > 40) run = run[..40];
        return $"bench-{role}-{run}-{Interlocked.Increment(ref _sequence)}-{Random.Shared.Next(0x10000):x4}";
    }

    internal static string UriHost(string address) => address.Contains(':') && !address.StartsWith('[') ? $"[{address}]" : address;

    [GeneratedRegex("[^a-zA-Z0-9_.-]+")]
    private static partial Regex RunIdChars();

    /// <summary>
    /// Removes every container of this runtime still there (targets and PostgreSQL), including one the engine
    /// made for a create request that was cancelled before it answered, then disconnects.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers.Values) await RemoveAsync(container);
        foreach (var name in _requested.Keys)
        {
            try { await _client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }); }
            catch (DockerApiException e) when (DockerEngine.IsGone(e)) { }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
            {
                break; // the engine went away: the next run's sweep removes what is left
            }
        }
        _client.Dispose();
    }

    /// <summary>A target running in a container of this runtime.</summary>
    public sealed class DockerTarget : IRunningTarget
    {
        private readonly DockerRuntime _runtime;
        private readonly RunningContainer _container;

        internal DockerTarget(DockerRuntime runtime, TargetLaunch launch, RunningContainer container, DockerImage image, Uri baseUri)
        {
            _runtime = runtime; _container = container;
            Launch = launch; Image = image; BaseUri = baseUri; ArtifactBytes = image.SizeBytes;
        }

        public TargetLaunch Launch { get; }
        public DockerImage Image { get; }
        public string ContainerId => _container.Id;
        public string ContainerName => _container.Name;
        /// <summary>Where <see cref="SampleAsync"/> reads from: the container's cgroup files (local engine) or the stats API.</summary>
        public MemorySource MemorySource => _container.SampleSource ?? MemorySource.DockerStats;
        public Uri BaseUri { get; }
        /// <summary>Container start → first 200 from /healthz (see <see cref="StartupClock"/>).</summary>
        public double StartupMs { get; internal set; }
        public StartupClock StartupClock { get; internal set; }
        public double StartupPollMs { get; internal set; }
        public string RecentOutput => _container.Output.ToString();
        /// <summary>The engine's exit code for the container's process (137 when it was killed).</summary>
        public string? Exited => _container.ExitCode is { } code ? $"exit code {code}" : null;
        /// <summary>The image's size: what a deployment of this target ships.</summary>
        public long? ArtifactBytes { get; }

        /// <summary>Memory (usage minus inactive page cache, as docker stats) and cumulative CPU of the container.</summary>
        public Task<ResourceSnapshot> SampleAsync(CancellationToken ct = default) => _container.SampleAsync(ct);

        /// <summary>PSS over the container's processes, seen from this machine's /proc (a local engine's only).</summary>
        public long? PssBytes() => _container.Cgroup is { } files ? PssReader.Sum(files.Members()) : null;
        /// <summary>Known once sampled (the container's files are found at the first sample).</summary>
        public Task<ProcessGroup?> ProcessesAsync(CancellationToken ct = default) => _container.ProcessesAsync(ct);

        public ValueTask DisposeAsync() => _runtime.RemoveAsync(_container);
    }
}
