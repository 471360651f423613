using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;

namespace Bench.Runtime.Targets;

/// <summary>
/// Targets as child processes of the harness, pinned with taskset; needs no daemon. With a memory limit
/// asked for, each target also runs in a cgroup of its own with that limit and a CPU quota equal to its
/// CPU set, as Docker would set them, where this machine lets the harness create cgroups; its memory and
/// CPU time are then read from that group, as a container's are.
/// </summary>
public sealed class LocalRuntime : ITargetRuntime
{
    /// <param name="memoryLimitBytes">null: taskset only (verify, serve); otherwise cgroup limits where possible.</param>
    /// <param name="cpuQuotaCores">the CFS quota that goes with the memory limit: the size of the targets' CPU set.</param>
    /// <param name="openFiles">RLIMIT_NOFILE (soft = hard) of every target; null: <see cref="OpenFileBudget.TargetLimit"/>.</param>
    public LocalRuntime(long? memoryLimitBytes = null, double cpuQuotaCores = 1, ulong? openFiles = null)
    {
        var files = openFiles ?? OpenFileBudget.TargetLimit();
        if (memoryLimitBytes is null) { Limits = TargetLimits.None("not asked for", files); return; }
        var (kind, unavailable) = TargetCgroup.Probe();
        Limits = kind is null ? TargetLimits.None(unavailable!, files) : new TargetLimits(cpuQuotaCores, memoryLimitBytes, kind, files);
    }

    public string Name => "local";

    public TargetLimits Limits { get; }

    public async Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default)
    {
        Toolchain.Require(launch.Target);
        var port = launch.Port == 0 ? Ports.FreeLoopbackPort() : launch.Port;
        Ports.EnsureFree(port);
        var group = Limits is { MemoryBytes: { } memory, CpuQuotaCores: { } cores } ? TargetCgroup.Create(cores, memory) : null;
        var clock = new ExecClock();
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(launch.Target.Run.Command, launch.Target.Directory, launch.Environment(port), launch.Cpus,
                launch.Target.Name, [.. OpenFilesPrefix(), .. group?.JoinPrefix() ?? [], .. clock.Prefix()]);
        }
        catch
        {
            group?.Dispose();
            clock.Dispose();
            throw;
        }
        var running = new LocalTarget(launch, process, group, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            var healthy = await HealthProbe.WaitAsync(running.BaseUri, process, launch, ct);
            // the target answered, so the prefix ran: its stamp is missing only when the file could not be written
            var exec = clock.ExecutedAtUtc() ?? throw new Core.BenchException(
                $"{launch.Target.Name} answered but the moment of its exec was not recorded (could bash write to {Path.GetTempPath()}?)");
            running.StartupMs = (healthy.AtUtc - exec).TotalMilliseconds;
            running.StartupPollMs = healthy.SincePreviousPollMs;
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
        finally
        {
            clock.Dispose();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// util-linux prlimit sets the limit and execs the rest: the target's limit is the run's, not whatever the
    /// harness's runtime happened to leave to its children.
    /// </summary>
    private string[] OpenFilesPrefix() => ["prlimit", $"--nofile={Limits.OpenFiles}:{Limits.OpenFiles}", "--"];

    private sealed class LocalTarget(TargetLaunch launch, ChildProcess process, TargetCgroup? group, Uri baseUri) : IRunningTarget
    {
        public TargetLaunch Launch { get; } = launch;
        public Uri BaseUri { get; } = baseUri;
        public double StartupMs { get; set; }
        public StartupClock StartupClock => StartupClock.ExecToFirstOk;
        public double StartupPollMs { get; set; }
        public string RecentOutput => process.Output.ToString();
        public string? Exited => process.ExitDescription;
        public long? ArtifactBytes { get; } = ArtifactSize.Bytes(launch.Target.ArtifactPath);
        // Without a group: RSS summed over the session (setsid made the target's pid its session id).
        private readonly CgroupReader? _cgroup = group is null ? null : new CgroupReader(group.Files);
        private readonly ProcSampler? _proc = group is null ? new ProcSampler(process.Pid) : null;

        public MemorySource MemorySource => _cgroup?.Source ?? MemorySource.ProcRss;

        public Task<ResourceSnapshot> SampleAsync(CancellationToken ct = default)
        {
            if (_cgroup is not null) return Task.FromResult(_cgroup.Read());
            lock (_proc!) return Task.FromResult(_proc.Sample());
        }

        public long? PssBytes() => PssReader.Sum(_cgroup?.Files.Members() ?? ProcSampler.SessionMembers(process.Pid));
        /// <summary>setsid made the target's pid its session id; the cgroup, with its quota, exists when limits were asked for.</summary>
        public Task<ProcessGroup?> ProcessesAsync(CancellationToken ct = default) =>
            Task.FromResult<ProcessGroup?>(new ProcessGroup(process.Pid, group?.Files));

        /// <summary>
        /// SIGKILL at once, as the Docker runtime's forced removal does: a target keeps nothing worth a graceful
        /// stop, and a graceful one cost seconds per session (Go's Shutdown drains 10,000 connections for 2–5 s
        /// after /io?ms=1000 at 10,000 connections), which a run of a hundred sessions pays again and again.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            await process.StopAsync(TimeSpan.Zero, Native.SIGKILL);
            await process.DisposeAsync();
            group?.Dispose(); // empty once the process group is gone
        }
    }

}
