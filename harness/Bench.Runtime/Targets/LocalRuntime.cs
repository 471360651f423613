using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Resources;

namespace Bench.Runtime.Targets;

/// <summary>Targets as child processes of the harness, pinned with taskset; needs no daemon.</summary>
public sealed class LocalRuntime : ITargetRuntime
{
    public string Name => "local";

    public async Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default)
    {
        Toolchain.Require(launch.Target);
        var port = launch.Port == 0 ? Ports.FreeLoopbackPort() : launch.Port;
        Ports.EnsureFree(port);
        var process = ChildProcess.Start(launch.Target.Run.Command, launch.Target.Directory, launch.Environment(port), launch.Cpus, launch.Target.Name);
        var running = new LocalTarget(launch, process, new Uri($"http://127.0.0.1:{port}/"));
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

    private sealed class LocalTarget(TargetLaunch launch, ChildProcess process, Uri baseUri) : IRunningTarget
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

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
