using Bench.Runtime.Resources;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Runtime.Docker;

/// <summary>
/// Memory and CPU of one container, the numbers <c>docker stats</c> shows (usage minus inactive page cache;
/// cumulative CPU time). The engine's stats API publishes once a second and a non-streaming request waits
/// for the next publication (about 1 s, one-shot or not, on Docker 20.10), too coarse and too slow for the
/// 20 Hz resource recorder. So on a local engine the sampler reads the same cgroup files the engine reads;
/// when they cannot be found (a remote engine, another pid namespace) it keeps a streaming stats
/// subscription and answers with the latest reading.
/// </summary>
internal interface IContainerSampler : IAsyncDisposable
{
    MemorySource Source { get; }
    Task<ResourceSnapshot> SampleAsync(CancellationToken ct);
}

/// <summary>Reads the container's cgroup (v1 or v2) directly, with the reader a local target's group uses: exact at any rate, no request to the engine.</summary>
internal sealed class CgroupSampler : IContainerSampler
{
    private CgroupSampler(CgroupReader reader) => Reader = reader;

    public CgroupReader Reader { get; }

    public MemorySource Source => Reader.Source;

    /// <summary>The container's cgroup files, found from its main process, or null when they cannot be read here.</summary>
    public static CgroupSampler? TryOpen(long pid, string containerId)
    {
        try
        {
            if (!IsContainers(pid, containerId) || CgroupFiles.OfProcess(pid) is not { } files) return null;
            var reader = new CgroupReader(files);
            reader.Read(); // throws here, not mid-trial, when a file is unreadable
            return new CgroupSampler(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> here is the container's: the pid is the engine's view, and in
    /// another pid namespace it could be any process, so its cgroup path must name the container.
    /// </summary>
    public static bool IsContainers(long pid, string containerId)
    {
        try { return pid > 0 && File.ReadAllText($"/proc/{pid}/cgroup").Contains(containerId, StringComparison.Ordinal); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public Task<ResourceSnapshot> SampleAsync(CancellationToken ct) => Task.FromResult(Reader.Read());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A streaming stats subscription (one reading a second); a sample is the latest reading.</summary>
internal sealed class StatsApiSampler : IContainerSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _subscription;
    private readonly object _lock = new();
    private ResourceSnapshot _latest;
    private Exception? _failure;

    /// <summary>One reading a second: a peak between readings is missed.</summary>
    public MemorySource Source => MemorySource.DockerStats;

    public StatsApiSampler(DockerClient client, string containerId)
    {
        var progress = new SyncProgress<ContainerStatsResponse>(s =>
        {
            var snapshot = ContainerStats.ToSnapshot(s);
            lock (_lock) _latest = snapshot;
            _first.TrySetResult();
        });
        _subscription = Task.Run(async () =>
        {
            try
            {
                await client.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = true }, progress, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                _failure = e;
                _first.TrySetException(e);
            }
        });
    }

    public async Task<ResourceSnapshot> SampleAsync(CancellationToken ct)
    {
        await _first.Task.WaitAsync(ct);
        if (_failure is not null && _subscription.IsCompleted)
            throw new Core.BenchException($"the Docker stats stream ended: {_failure.Message}", _failure);
        lock (_lock) return _latest;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _subscription; } catch { /* ended with the container */ }
        _first.TrySetCanceled();
        _stop.Dispose();
    }
}
