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
    string Source { get; }
    Task<ResourceSnapshot> SampleAsync(CancellationToken ct);
}

/// <summary>Reads the container's cgroup (v1 or v2) directly: exact at any rate, no request to the engine.</summary>
internal sealed class CgroupSampler : IContainerSampler
{
    private readonly string _memoryUsage, _memoryStat, _cpu;
    private readonly bool _v2;

    private CgroupSampler(string memoryUsage, string memoryStat, string cpu, bool v2)
    {
        _memoryUsage = memoryUsage; _memoryStat = memoryStat; _cpu = cpu; _v2 = v2;
    }

    public string Source => _v2 ? "cgroup v2 files" : "cgroup v1 files";

    /// <summary>The container's cgroup files, found from its main process, or null when they cannot be read here.</summary>
    public static CgroupSampler? TryOpen(long pid, string containerId)
    {
        try
        {
            if (pid <= 0) return null;
            var memberships = File.ReadAllLines($"/proc/{pid}/cgroup");
            // The pid is the engine's view; in another pid namespace it could be any process: check it is ours.
            if (!memberships.Any(l => l.Contains(containerId, StringComparison.Ordinal))) return null;
            var mounts = CgroupMounts();

            string? Dir(string controller)
            {
                var line = memberships.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains(controller));
                if (line is null) return null;
                var mount = mounts.FirstOrDefault(m => !m.V2 && m.Controllers.Contains(controller));
                return mount.Point is null ? null : Join(mount, line[2]);
            }

            if (Dir("memory") is { } memory && Dir("cpuacct") is { } cpuacct
                && File.Exists(Path.Combine(memory, "memory.usage_in_bytes")) && File.Exists(Path.Combine(cpuacct, "cpuacct.usage")))
                return Probe(new CgroupSampler(Path.Combine(memory, "memory.usage_in_bytes"), Path.Combine(memory, "memory.stat"),
                    Path.Combine(cpuacct, "cpuacct.usage"), v2: false));

            var unified = memberships.Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[0] == "0" && p[1] == "");
            var v2Mount = mounts.FirstOrDefault(m => m.V2);
            if (unified is not null && v2Mount.Point is not null)
            {
                var dir = Join(v2Mount, unified[2]);
                if (File.Exists(Path.Combine(dir, "memory.current")) && File.Exists(Path.Combine(dir, "cpu.stat")))
                    return Probe(new CgroupSampler(Path.Combine(dir, "memory.current"), Path.Combine(dir, "memory.stat"), Path.Combine(dir, "cpu.stat"), v2: true));
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static CgroupSampler Probe(CgroupSampler sampler)
    {
        sampler.Read(); // throws here, not mid-trial, when a file is unreadable
        return sampler;
    }

    private static string Join((string Point, string Root, string[] Controllers, bool V2) mount, string path)
    {
        // A mount of a sub-tree (the harness in a container of its own) shows paths below its root.
        if (mount.Root != "/" && path.StartsWith(mount.Root, StringComparison.Ordinal)) path = path[mount.Root.Length..];
        return mount.Point + path.TrimEnd('/');
    }

    private static List<(string Point, string Root, string[] Controllers, bool V2)> CgroupMounts()
    {
        var mounts = new List<(string, string, string[], bool)>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var halves = line.Split(" - ", 2);
            if (halves.Length != 2) continue;
            var left = halves[0].Split(' ');
            var right = halves[1].Split(' ');
            if (left.Length < 5 || right.Length < 3) continue;
            if (right[0] == "cgroup") mounts.Add((Unescape(left[4]), Unescape(left[3]), right[2].Split(','), false));
            else if (right[0] == "cgroup2") mounts.Add((Unescape(left[4]), Unescape(left[3]), [], true));
        }
        return mounts;
    }

    private static string Unescape(string s) => s.Replace("\\040", " ");

    public Task<ResourceSnapshot> SampleAsync(CancellationToken ct) => Task.FromResult(Read());

    private ResourceSnapshot Read()
    {
        var usage = long.Parse(File.ReadAllText(_memoryUsage).Trim());
        var inactive = StatValue(_memoryStat, _v2 ? "inactive_file" : "total_inactive_file") ?? 0;
        var memory = inactive < usage ? usage - inactive : usage;
        double cpuSeconds = _v2
            ? (StatValue(_cpu, "usage_usec") ?? 0) / 1e6
            : long.Parse(File.ReadAllText(_cpu).Trim()) / 1e9;
        return new ResourceSnapshot(memory, cpuSeconds);
    }

    private static long? StatValue(string file, string key)
    {
        foreach (var line in File.ReadLines(file))
            if (line.Length > key.Length && line.StartsWith(key, StringComparison.Ordinal) && line[key.Length] == ' ')
                return long.Parse(line.AsSpan(key.Length + 1));
        return null;
    }

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

    public string Source => "Docker stats API (1 reading/s)";

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
