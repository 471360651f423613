using Bench.Runtime.Net;
using Bench.Runtime.Processes;

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
        public int Pid => process.Pid;
        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
