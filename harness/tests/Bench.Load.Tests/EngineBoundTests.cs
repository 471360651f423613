using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>
/// The engine notices when it, not the target, limits a run. `bench load` runs as its own process pinned to
/// one CPU (the whole process: pinning this test process would pin every other test too), against an
/// in-process test server. A CPU hog on the engine's CPU must be caught by the run-queue reason even though
/// the engine's own CPU use stays low; a slow server with no hog must not be flagged at all.
/// </summary>
[Collection(Serial.Name)]
[Trait("Category", "Integration")]
public class EngineBoundTests
{
    // The last CPU: the pipeline's engine uses CPU 0 by default, so other work on this machine is less likely there.
    private static readonly int EngineCpu = Environment.ProcessorCount - 1;

    [Fact]
    public async Task An_engine_sharing_its_cpu_with_a_hog_is_flagged_by_its_run_queue_wait()
    {
        await using var server = new FaultyServer();
        using var hog = Process.Start(new ProcessStartInfo("taskset", ["-c", EngineCpu.ToString(CultureInfo.InvariantCulture), "sh", "-c", "while :; do :; done"]))!;
        try
        {
            var (bound, reasons, evidence) = await LoadAsync(server.Url);
            Assert.True(bound, $"not flagged; evidence {evidence}");
            Assert.True(reasons.Contains("runQueue"), $"reasons {string.Join(",", reasons)}; evidence {evidence}");
            // the engine's own CPU use stays low (7–15 % here): the old rule (CPU over 90 %) could not see this
            Assert.True(evidence.GetProperty("cpuPercent").GetDouble() < 90, evidence.ToString());
        }
        finally
        {
            hog.Kill();
            await hog.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task An_engine_waiting_on_a_slow_server_is_not_flagged()
    {
        await using var server = new FaultyServer(_ => Fault.Slow) { SlowDelay = TimeSpan.FromMilliseconds(5) };
        var (bound, reasons, evidence) = await LoadAsync(server.Url);
        Assert.False(bound, $"flagged {string.Join(",", reasons)}; evidence {evidence}");
        // every connection was waiting on the server nearly all the time (Little's law)
        Assert.InRange(evidence.GetProperty("busyConnections").GetDouble(), 0.9, 1.1);
    }

    private static async Task<(bool Bound, string[] Reasons, JsonElement Evidence)> LoadAsync(Uri url)
    {
        var json = Path.Combine(Path.GetTempPath(), $"bench-bound-{Guid.NewGuid():N}.json");
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "bench.dll"), "load", url.ToString(),
            "--cpus", EngineCpu.ToString(CultureInfo.InvariantCulture), "-c", "16", "--warmup", "1s", "-d", "3s", "--json", json])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, $"bench load exited {p.ExitCode}: {await stdout}{await stderr}");
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = doc.RootElement;
            var engineBound = root.GetProperty("engineBound");
            Assert.Equal(root.GetProperty("loadGeneratorBound").GetBoolean(), engineBound.GetProperty("bound").GetBoolean());
            return (engineBound.GetProperty("bound").GetBoolean(),
                [.. engineBound.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)],
                engineBound.GetProperty("evidence").Clone());
        }
        finally
        {
            File.Delete(json);
            File.Delete(Path.ChangeExtension(json, ".hlog"));
        }
    }
}
