using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;

namespace Bench.Runtime.Targets;

/// <summary>
/// Targets as child processes of the harness, pinned with taskset; needs no daemon. With a memory limit
/// asked for, each target also runs in a cgroup of its own with that limit and a CPU quota equal to its
/// CPU set, as Docker would set them, where this machine lets the harness create cgroups.
/// </summary>
public sealed class LocalRuntime : ITargetRuntime
{
    /// <param name="memoryLimitBytes">null: taskset only (verify, serve); otherwise cgroup limits where possible.</param>
    /// <param name="cpuQuotaCores">the CFS quota that goes with the memory limit: the size of the targets' CPU set.</param>
    public LocalRuntime(long? memoryLimitBytes = null, double cpuQuotaCores = 1)
    {
        if (memoryLimitBytes is null) { Limits = TargetLimits.None("not asked for"); return; }
        var (kind, unavailable) = TargetCgroup.Probe();
        Limits = kind is null ? TargetLimits.None(unavailable!) : new TargetLimits(cpuQuotaCores, memoryLimitBytes, kind);
    }

    public string Name => "local";

    public TargetLimits Limits { get; }

    public async Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default)
    {
        Toolchain.Require(launch.Target);
        var port = launch.Port == 0 ? Ports.FreeLoopbackPort() : launch.Port;
        Ports.EnsureFree(port);
        var group = Limits is { MemoryBytes: { } memory, CpuQuotaCores: { } cores } ? TargetCgroup.Create(cores, memory) : null;
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(launch.Target.Run.Command, launch.Target.Directory, launch.Environment(port), launch.Cpus,
                launch.Target.Name, group?.JoinPrefix());
        }
        catch
        {
            group?.Dispose();
            throw;
        }
        var running = new LocalTarget(launch, process, group, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await HealthProbe.WaitAsync(running.BaseUri, process, launch, ct);
            running.StartupMs = process.ElapsedMs();
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class LocalTarget(TargetLaunch launch, ChildProcess process, TargetCgroup? group, Uri baseUri) : IRunningTarget
    {
        public TargetLaunch Launch { get; } = launch;
        public Uri BaseUri { get; } = baseUri;
        public double StartupMs { get; set; }
        public string RecentOutput => process.Output.ToString();
        public long? ArtifactBytes { get; } = ArtifactSize.Bytes(launch.Target.ArtifactPath);
        private readonly ProcSampler _sampler = new(process.Pid); // setsid made the target's pid its session id

        public Task<ResourceSnapshot> SampleAsync(CancellationToken ct = default)
        {
            lock (_sampler) return Task.FromResult(_sampler.Sample());
        }

        /// <summary>setsid made the target's pid its session id; the cgroup (cpu folder first on v1) exists when limits were asked for.</summary>
        public Task<ProcessGroup?> ProcessesAsync(CancellationToken ct = default) =>
            Task.FromResult<ProcessGroup?>(new ProcessGroup(process.Pid, group?.Directories[0]));

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            group?.Dispose(); // empty once the process group is gone
        }
    }
}
