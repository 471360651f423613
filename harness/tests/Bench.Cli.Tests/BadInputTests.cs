using System.Net;
using System.Net.Sockets;

namespace Bench.Cli.Tests;

/// <summary>Bad input gets one clear line and exit code 2, before anything is built or started.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData(new[] { "verify", "no-such-target" }, "unknown target 'no-such-target'")]
    [InlineData(new[] { "run", "--targets", "rust-axum,nope" }, "unknown target 'nope'")]
    [InlineData(new[] { "run", "--trials", "0" }, "--trials must be at least 1")]
    [InlineData(new[] { "run", "--scenarios", "no-such-file" }, "no scenario file 'no-such-file'")]
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
    public async Task Exit_code_2_with_a_message(string[] args, string message)
    {
        var (code, _, stderr) = await Cli.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace
    }

    [Fact]
    public async Task A_port_in_use_is_refused_before_anything_starts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (code, _, stderr) = await Cli.RunAsync("serve", "node-fastify", "--port", port.ToString());
        Assert.Equal(2, code);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", stderr);
    }

    [Fact]
    public async Task A_results_folder_is_never_overwritten()
    {
        var dir = Directory.CreateTempSubdirectory("bench-out-").FullName;
        File.WriteAllText(Path.Combine(dir, "results.json"), "{}");
        var (code, _, stderr) = await Cli.RunAsync("run", "--out", dir, "--targets", "node-fastify");
        Assert.Equal(2, code);
        Assert.Contains("already holds a results.json", stderr);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, "results.json")));
        Directory.Delete(dir, true);
    }
}
