using System.Net;
using System.Net.Sockets;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>Bad input gets one clear line and exit code 2, before anything is built or started.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData(new[] { "verify", "no-such-target" }, "unknown target 'no-such-target'")]
    [InlineData(new[] { "run", "--targets", "rust-axum,nope" }, "unknown target 'nope'")]
    [InlineData(new[] { "run", "--trials", "0" }, "--trials must be at least 1")]
    [InlineData(new[] { "run", "--scenarios", "no-such-file" }, "no scenario file or scenario named 'no-such-file'")] // passes once ScenarioCatalog reads default.yaml's session fields (SCENARIO-FORMAT.md)
    [InlineData(new[] { "run", "--runtime", "podman" }, "podman")]
    [InlineData(new[] { "run", "--engine-cpus", "1", "--target-cpus", "1" }, "overlap")]
    [InlineData(new[] { "run", "--engine-cpus", "x" }, "not a CPU list")]
    [InlineData(new[] { "run", "--memory", "lots" }, "--memory 'lots' is not a size")]
    [InlineData(new[] { "run", "--retries", "11" }, "--retries must be 0..10")]
    [InlineData(new[] { "run", "--docker-host", "tcp://127.0.0.1:1" }, "--docker-host applies to --runtime docker only")]
    [InlineData(new[] { "serve" }, "Required argument 'target' missing")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "verdicts", "/nonexistent-results" }, "no folder '/nonexistent-results'")]
    [InlineData(new[] { "claims", "--catalog", "/nonexistent/claims.yaml" }, "no claims catalog at /nonexistent/claims.yaml")]
    [InlineData(new[] { "run", "--claims", "/nonexistent/claims.yaml" }, "no claims catalog at /nonexistent/claims.yaml")]
    [InlineData(new[] { "verdicts", "/tmp", "--claims", "/nonexistent/claims.yaml" }, "no claims catalog at /nonexistent/claims.yaml")]
    public async Task Exit_code_2_with_a_message(string[] args, string message)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace
    }

    [Theory]
    [InlineData("  - id: x\n    source: Q\n    quote: q\n    parts: []\n", ":4:13: claims[0] 'x'.source: 'Q' is not one of the sources (B)")]
    [InlineData("  - id: x\n    source: B\n    quote: q\n    parts: [{ metric: p99, scenarios: [json], target: rust-axm, rule: { below: 1, unit: ms } }]\n",
        ":6:55: claims[0] 'x'.parts[0].target: unknown target 'rust-axm'; targets/ holds")]
    public async Task A_broken_claims_catalog_stops_a_run_before_any_target_is_built(string claims, string message)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-claims-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "sources: { B: \"Article B\" }\nclaims:\n" + claims);
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync("run", "--targets", "go-nethttp", "--claims", file);
            Assert.Equal(2, code);
            Assert.Contains(file + message, stderr);
            Assert.DoesNotContain("built ", stderr);
            Assert.Single(stderr.Trim().Split('\n')); // one line
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_port_in_use_is_refused_before_anything_starts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (code, _, stderr) = await CliProcess.RunAsync("serve", "node-fastify", "--port", port.ToString());
        Assert.Equal(2, code);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", stderr);
    }

    [Fact]
    public async Task A_results_folder_is_never_overwritten()
    {
        var dir = Directory.CreateTempSubdirectory("bench-out-").FullName;
        File.WriteAllText(Path.Combine(dir, "results.json"), "{}");
        var (code, _, stderr) = await CliProcess.RunAsync("run", "--out", dir, "--targets", "node-fastify");
        Assert.Equal(2, code);
        Assert.Contains("already holds a results.json", stderr);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "results.json")));
        Directory.Delete(dir, true);
    }
}
