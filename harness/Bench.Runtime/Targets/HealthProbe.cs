using System.Diagnostics;
using System.Net;
using Bench.Core;
using Bench.Runtime.Processes;

namespace Bench.Runtime.Targets;

/// <summary>
/// Polls /healthz until the target answers 200; the moment it does is the end of start-up. Polls every
/// <see cref="PollInterval"/> over one kept-alive connection (once the target accepts one), so a poll
/// costs the target a request, not a connection, and the end is known to within a poll.
/// </summary>
public static class HealthProbe
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    public static Task<Healthy> WaitAsync(Uri baseUri, ChildProcess process, TargetLaunch launch, CancellationToken ct) =>
        WaitAsync(baseUri, launch, () => process.ExitCode, () => process.Output.ToString(), ct);

    /// <summary>The same wait for anything that runs a target (a process, a container).</summary>
    /// <param name="exitCode">null while the target runs; its exit code once it has stopped.</param>
    /// <param name="output">the target's last lines, for the error message.</param>
    public static async Task<Healthy> WaitAsync(Uri baseUri, TargetLaunch launch, Func<int?> exitCode, Func<string> output, CancellationToken ct)
    {
        // One connection per wait, kept alive between polls: a pool shared between targets could hand a
        // connection to a stopped target that had the same port. No timeout per poll short of the start-up's
        // own: a target that accepts before it can answer (a JIT still compiling its pipeline) answers a
        // waiting poll the moment it can, which a poll cut off after a while and sent again would miss.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1 }) { Timeout = launch.StartupTimeout };
        var deadline = DateTime.UtcNow + launch.StartupTimeout;
        var health = new Uri(baseUri, "healthz");
        HttpStatusCode? last = null;
        var previousPoll = Stopwatch.GetTimestamp();
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (exitCode() is { } code)
                throw new BenchException($"{launch.Target.Name} exited during start-up (exit code {code}). Its last output:{Environment.NewLine}{output()}");
            var poll = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(health, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return new Healthy(DateTime.UtcNow, Stopwatch.GetTimestamp(), Stopwatch.GetElapsedTime(previousPoll, poll).TotalMilliseconds);
                last = response.StatusCode;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            previousPoll = poll;
            await Task.Delay(PollInterval, ct);
        }
        throw new BenchException($"{launch.Target.Name} did not answer 200 on /healthz within {launch.StartupTimeout.TotalSeconds:0} s" +
            (last is null ? " (no answer at all)" : $" (last status {(int)last})") + $". Its last output:{Environment.NewLine}{output()}");
    }
}

/// <summary>The first 200 from /healthz.</summary>
/// <param name="AtUtc">the wall clock when it arrived (to compare with an exec or a container's start)</param>
/// <param name="AtTimestamp">the same moment on <see cref="Stopwatch"/>'s clock</param>
/// <param name="SincePreviousPollMs">from the start of the last poll that got no 200 to the start of the one that did (0 when the first did): the target became ready somewhere in between, so this is the measurement's resolution</param>
public sealed record Healthy(DateTime AtUtc, long AtTimestamp, double SincePreviousPollMs);
