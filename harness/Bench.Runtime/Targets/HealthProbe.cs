using System.Net;
using Bench.Core;
using Bench.Runtime.Processes;

namespace Bench.Runtime.Targets;

/// <summary>Polls /healthz until the target answers 200; the moment it does is the end of start-up.</summary>
public static class HealthProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    public static Task WaitAsync(Uri baseUri, ChildProcess process, TargetLaunch launch, CancellationToken ct) =>
        WaitAsync(baseUri, launch, () => process.ExitCode, () => process.Output.ToString(), ct);

    /// <summary>The same wait for anything that runs a target (a process, a container).</summary>
    /// <param name="exitCode">null while the target runs; its exit code once it has stopped.</param>
    /// <param name="output">the target's last lines, for the error message.</param>
    public static async Task WaitAsync(Uri baseUri, TargetLaunch launch, Func<int?> exitCode, Func<string> output, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + launch.StartupTimeout;
        var health = new Uri(baseUri, "healthz");
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (exitCode() is { } code)
                throw new BenchException($"{launch.Target.Name} exited during start-up (exit code {code}). Its last output:{Environment.NewLine}{output()}");
            try
            {
                using var response = await Client.GetAsync(health, ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = response.StatusCode;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            // 5 ms keeps the start-up measurement within a few ms of the truth without busy-looping.
            await Task.Delay(5, ct);
        }
        throw new BenchException($"{launch.Target.Name} did not answer 200 on /healthz within {launch.StartupTimeout.TotalSeconds:0} s" +
            (last is null ? " (no answer at all)" : $" (last status {(int)last})") + $". Its last output:{Environment.NewLine}{output()}");
    }
}
