using System.Text;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker;

/// <summary>
/// One container of the run: created with the run's labels, registered with <see cref="Cleanup"/> from the
/// moment it exists (Ctrl-C and exit remove it), followed for its output and exit once started, and
/// removed (forced) on dispose.
/// </summary>
internal sealed class RunningContainer : IAsyncDisposable
{
    private readonly DockerClient _client;
    private readonly IDisposable _cleanup;
    private readonly CancellationTokenSource _watch = new();
    private Task _followers = Task.CompletedTask;
    private int _disposed;
    private long _exitCode = long.MinValue;
    private readonly bool _cgroupsAllowed;
    private readonly SemaphoreSlim _samplerLock = new(1, 1);
    private IContainerSampler? _sampler;

    public string Id { get; }
    public string Name { get; }
    public OutputTail Output { get; } = new(60);

    /// <summary>Null while the container runs (or before it started); its exit code once it stopped.</summary>
    public int? ExitCode => Interlocked.Read(ref _exitCode) is var c && c == long.MinValue ? null : (int)c;

    private RunningContainer(DockerClient client, string id, string name, bool cgroupsAllowed)
    {
        _client = client; Id = id; Name = name; _cgroupsAllowed = cgroupsAllowed;
        _cleanup = Cleanup.Register(RemoveNow);
    }

    /// <param name="cgroupsAllowed">the engine runs on this machine, so the container's cgroup files may be read.</param>
    public static async Task<RunningContainer> CreateAsync(DockerClient client, CreateContainerParameters parameters, bool cgroupsAllowed, CancellationToken ct)
    {
        CreateContainerResponse created;
        try
        {
            created = await client.Containers.CreateContainerAsync(parameters, ct);
        }
        catch (DockerApiException e)
        {
            throw new Core.BenchException($"the Docker engine refused to create container {parameters.Name} from {parameters.Image}: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }
        return new RunningContainer(client, created.ID, parameters.Name, cgroupsAllowed);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await _client.Containers.StartContainerAsync(Id, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException e)
        {
            throw new Core.BenchException($"the Docker engine could not start container {Name}: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }
        var output = Task.Run(() => FollowOutputAsync(_watch.Token));
        _followers = Task.WhenAll(output, Task.Run(() => WatchExitAsync(output, _watch.Token)));
    }

    private async Task FollowOutputAsync(CancellationToken ct)
    {
        try
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(Id, tty: false,
                new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, ct);
            var buffer = new byte[16 * 1024];
            var lines = new Dictionary<MultiplexedStream.TargetStream, StringBuilder>();
            var decoders = new Dictionary<MultiplexedStream.TargetStream, Decoder>();
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
                if (read.EOF) break;
                if (!decoders.TryGetValue(read.Target, out var decoder)) decoders[read.Target] = decoder = Encoding.UTF8.GetDecoder();
                if (!lines.TryGetValue(read.Target, out var line)) lines[read.Target] = line = new StringBuilder();
                var n = decoder.GetChars(buffer, 0, read.Count, chars, 0);
                for (var i = 0; i < n; i++)
                {
                    if (chars[i] == '\n') { Output.Add(line.ToString().TrimEnd('\r')); line.Clear(); }
                    else if (line.Length < 4096) line.Append(chars[i]);
                }
            }
            foreach (var rest in lines.Values.Where(l => l.Length > 0)) Output.Add(rest.ToString());
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException) { }
    }

    /// <summary>
    /// Publishes the exit code once the container stopped. The engine may answer the wait before the log
    /// stream has delivered the last lines (a start-up error message, typically), so the code is published
    /// only when the output has been read to its end, or after 2 s.
    /// </summary>
    private async Task WatchExitAsync(Task output, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var result = await _client.Containers.WaitContainerAsync(Id, ct);
                await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(2), ct));
                Interlocked.Exchange(ref _exitCode, result.StatusCode);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (DockerApiException e) when (DockerEngine.IsNotFound(e)) { Interlocked.Exchange(ref _exitCode, -1); return; }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // a request timeout or a dropped connection: wait again
                try { await Task.Delay(200, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Where samples come from (the container's cgroup files, or the stats API); null before the first sample.</summary>
    public MemorySource? SampleSource => _sampler?.Source;

    /// <summary>The container's cgroup files when samples come from them (for PSS over its processes); null otherwise.</summary>
    public CgroupFiles? Cgroup => (_sampler as CgroupSampler)?.Reader.Files;

    /// <summary>
    /// When the engine says the container started (State.StartedAt): stamped by the engine once containerd
    /// has started the container's process, so a few ms after its exec; the engine's wall clock.
    /// </summary>
    public async Task<DateTime> StartedAtUtcAsync(CancellationToken ct)
    {
        var startedAt = (await InspectAsync(ct)).State.StartedAt;
        return ContainerStats.ParseEngineTime(startedAt)
            ?? throw new Core.BenchException($"the Docker engine gave no usable start time for container {Name} ('{startedAt}')");
    }

    /// <summary>Memory and cumulative CPU time, as docker stats shows them (see <see cref="IContainerSampler"/>).</summary>
    public async Task<ResourceSnapshot> SampleAsync(CancellationToken ct)
    {
        var sampler = _sampler ?? await OpenSamplerAsync(ct);
        return await sampler.SampleAsync(ct);
    }

    private async Task<IContainerSampler> OpenSamplerAsync(CancellationToken ct)
    {
        await _samplerLock.WaitAsync(ct);
        try
        {
            if (_sampler is not null) return _sampler;
            IContainerSampler? sampler = null;
            if (_cgroupsAllowed)
            {
                var state = (await InspectAsync(ct)).State;
                sampler = CgroupSampler.TryOpen(state.Pid, Id);
            }
            return _sampler = sampler ?? new StatsApiSampler(_client, Id);
        }
        finally
        {
            _samplerLock.Release();
        }
    }

    /// <summary>
    /// The container's processes as this machine sees them: its main process leads a session of its own (runc
    /// calls setsid), and its cgroup. Null on a remote engine, or when the pid the engine reports is not this
    /// container's here (another pid namespace).
    /// </summary>
    public async Task<ProcessGroup?> ProcessesAsync(CancellationToken ct)
    {
        if (!_cgroupsAllowed) return null;
        var pid = (await InspectAsync(ct)).State.Pid;
        if (!CgroupSampler.IsContainers(pid, Id)) return null;
        return new ProcessGroup((int)pid, Cgroup ?? CgroupFiles.OfProcess(pid));
    }

    public async Task<ContainerInspectResponse> InspectAsync(CancellationToken ct = default) =>
        await _client.Containers.InspectContainerAsync(Id, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await Removal();
        }
        catch (DockerApiException e) when (DockerEngine.IsGone(e)) { }
        finally
        {
            if (_sampler is not null) await _sampler.DisposeAsync();
            _watch.Cancel();
            try { await _followers; } catch { /* followers end quietly */ }
            _watch.Dispose();
            _cleanup.Dispose();
        }
    }

    private readonly object _removalLock = new();
    private Task? _removal;

    /// <summary>
    /// The one removal of this container, shared by <see cref="DisposeAsync"/> and <see cref="RemoveNow"/>, so a
    /// forced exit in the middle of a dispose waits for that removal instead of skipping it. Force: SIGKILL
    /// and remove in one call. Targets keep nothing worth a graceful stop, and a process running as PID 1
    /// without a SIGTERM handler would only make a graceful stop wait for its timeout.
    /// </summary>
    private Task Removal()
    {
        lock (_removalLock)
            return _removal ??= Task.Run(() => _client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));
    }

    /// <summary>Last resort from <see cref="Cleanup"/> (Ctrl-C twice, SIGTERM, process exit): blocking, bounded.</summary>
    private void RemoveNow()
    {
        try { Removal().Wait(TimeSpan.FromSeconds(10)); }
        catch { /* best effort; the next run's sweep removes what is left */ }
    }
}

/// <summary>Memory and CPU of a container as <c>docker stats</c> reports them.</summary>
internal static class ContainerStats
{
    public static ResourceSnapshot ToSnapshot(ContainerStatsResponse stats)
    {
        var memory = stats.MemoryStats;
        long used = 0;
        if (memory is not null)
        {
            // docker stats shows usage minus the inactive page cache: total_inactive_file on cgroup v1,
            // inactive_file on v2 (older CLIs subtracted "cache").
            var s = memory.Stats ?? new Dictionary<string, ulong>();
            ulong cache = s.TryGetValue("total_inactive_file", out var v1) ? v1
                : s.TryGetValue("inactive_file", out var v2) ? v2
                : s.TryGetValue("cache", out var c) ? c : 0;
            used = (long)(memory.Usage > cache ? memory.Usage - cache : memory.Usage);
        }
        var cpuNs = stats.CPUStats?.CPUUsage?.TotalUsage ?? 0;
        return new ResourceSnapshot(used, cpuNs / 1e9);
    }

    /// <summary>The engine's RFC 3339 times carry nanoseconds; .NET's parser takes at most 7 fractional digits.</summary>
    public static DateTime? ParseEngineTime(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var trimmed = System.Text.RegularExpressions.Regex.Replace(text, @"(\.\d{7})\d+", "$1");
        return DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t.UtcDateTime : null;
    }
}
