using System.Text.Json;
using Bench.Load.Tests.TestServer;
using Bench.Testing;

namespace Bench.Load.Tests;

/// <summary>
/// `bench load` stopped by a real signal, as a user's Ctrl-C or a job runner's SIGTERM stops it: the summary and
/// --json still come out, covering the time it ran and marked interrupted, and the exit code is 128 + the signal.
/// </summary>
[Collection(Serial.Name)]
public sealed class LoadInterruptTests
{
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(2, 130)]  // SIGINT (Ctrl-C)
    [InlineData(15, 143)] // SIGTERM
    public async Task An_interrupted_load_prints_its_summary_and_writes_json(int signal, int exitCode)
    {
        await using var server = new FaultyServer();
        using var folder = new TempFolder("bench-load-int");
        Directory.CreateDirectory(folder.Path);
        var json = Path.Combine(folder.Path, "load.json");
        using var cli = new CliProcess("load", server.Url.ToString(), "-c", "2", "--warmup", "0s", "-d", "10m", "--json", json);
        // measured seconds are being printed: the engine runs and has recorded requests
        await cli.WaitForLineAsync("  [  2s]", TimeSpan.FromMinutes(1));

        cli.Signal(signal);

        Assert.Equal(exitCode, await cli.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Requests/sec:", cli.Stdout);
        Assert.Contains("(interrupted)", cli.Stdout);
        Assert.Contains($"Wrote {json}", cli.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("cancelled").GetBoolean());
        var requests = doc.RootElement.GetProperty("requests").GetInt64();
        Assert.True(requests > 0 && requests <= server.RequestsReceived, $"{requests} requests recorded, {server.RequestsReceived} received");
        Assert.True(doc.RootElement.GetProperty("durationSeconds").GetDouble() < 600); // the time run, not the 10 min asked for
        Assert.True(File.Exists(Path.ChangeExtension(json, ".hlog")));
    }
}
