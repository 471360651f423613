using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Bench.Cli.Commands;
using Bench.Load.Tests.TestServer;

namespace Bench.Load.Tests;

/// <summary>`bench load`: bad input is one clear line and exit code 2; a good run prints and writes JSON.</summary>
public class LoadCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Invoke(params string[] args)
    {
        var parse = new RootCommand { LoadCommand.Create() }.Parse(["load", .. args]);
        Assert.Empty(parse.Errors); // these cases reach the command's own validation
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("not a url", "not a valid URL")]
    [InlineData("https://127.0.0.1:8443/", "HTTPS is out of scope")]
    [InlineData("ftp://127.0.0.1/", "unsupported scheme")]
    public async Task Bad_urls(string url, string message)
    {
        var (code, _, err) = await Invoke(url);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Unreachable_host_is_detected_before_the_run()
    {
        var sw = Stopwatch.StartNew();
        var (code, output, err) = await Invoke($"http://127.0.0.1:{FaultyServer.UnusedPort()}/", "-d", "30s");
        Assert.Equal(2, code);
        Assert.Contains("connection refused", err);
        Assert.DoesNotContain("Running", output);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("--duration", "abc", "invalid --duration")]
    [InlineData("--duration", "0s", "invalid --duration")]
    [InlineData("--warmup", "soon", "invalid --warmup")]
    [InlineData("--timeout", "-1s", "invalid --timeout")]
    [InlineData("--connections", "0", "connections must be at least 1")]
    [InlineData("--pipeline", "0", "pipeline depth")]
    [InlineData("--rate", "-5", "invalid --rate")]
    [InlineData("--ramp-to", "100", "--ramp-to needs --rate")]
    [InlineData("--header", "no-colon", "invalid --header")]
    [InlineData("--cpus", "x", "invalid CPU list")]
    [InlineData("--body", "/nonexistent/body.json", "does not exist")]
    public async Task Invalid_options(string option, string value, string message)
    {
        await using var server = new FaultyServer();
        var (code, _, err) = await Invoke(server.Url.ToString(), option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Equal(0, server.RequestsReceived);
    }

    [Fact]
    public async Task A_short_run_prints_a_summary_and_writes_json_and_hlog()
    {
        await using var server = new FaultyServer();
        var json = Path.Combine(Path.GetTempPath(), $"bench-load-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, err) = await Invoke(server.Url.ToString(), "-c", "2", "--max-requests", "100", "--json", json);
            Assert.True(code == 0, err);
            Assert.Contains("Requests/sec:", output);
            Assert.Contains("100 successful requests", output);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(100, doc.RootElement.GetProperty("requests").GetInt64());
            Assert.True(File.Exists(Path.ChangeExtension(json, ".hlog")));
        }
        finally
        {
            File.Delete(json);
            File.Delete(Path.ChangeExtension(json, ".hlog"));
        }
    }

    [Fact]
    public async Task The_built_cli_exits_2_on_an_unparseable_number()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "bench.dll");
        Assert.True(File.Exists(dll), $"{dll} should be copied next to the tests");
        var psi = new ProcessStartInfo("dotnet", [dll, "load", "http://127.0.0.1:1/", "--connections", "many"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("many", err);
    }
}
