using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>`bench compare` on the recorded catalog run and edited copies of it: exit codes, the cells named, compare.md.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("bench-compare");
    private static readonly string Catalog = SampleRuns.Folder("local-catalog");

    [Fact]
    public async Task A_run_against_itself_exits_0_with_every_metric_the_same()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("compare", Catalog, Catalog, "--out", _temp.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("no regression", stdout);
        var cells = CellLines(File.ReadAllText(Path.Combine(_temp.Path, "compare.md")));
        Assert.True(cells.Count > 500, $"{cells.Count} cells");
        // Every cell is "same"; those whose trials the load generator bounded say it was the same ceiling, nothing more.
        Assert.All(cells, c => Assert.True(c.Verdict == "same", $"{c.Scenario} {c.Target} {c.Metric}: {c.Verdict} ({c.Why})"));
        Assert.Contains(cells, c => c.Why.Contains("both sides at the load generator's ceiling"));
        Assert.Contains(cells, c => c is { Scenario: "json-process", Target: "rust-axum", Metric: "requestsPerSecond", Verdict: "same" });
        Assert.DoesNotContain(cells, c => c.Verdict is "slower" or "faster");
    }

    [Fact]
    public async Task Rust_axums_requests_per_second_scaled_by_0_7_exit_1_and_name_the_cells()
    {
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "slower", run => SampleRuns.Scale(run, "rust-axum", "requestsPerSecond", 0.7));
        var (code, stdout, stderr) = await CliProcess.RunAsync("compare", Catalog, current);
        Assert.True(code == 1, $"exit {code}: {stderr}");
        Assert.Contains("regression: json-process rust-axum requestsPerSecond −30.0 %", stdout);
        var cells = CellLines(File.ReadAllText(Path.Combine(current, "compare.md")));
        var slower = cells.Where(c => c.Verdict == "slower").ToList();
        Assert.NotEmpty(slower);
        Assert.All(slower, c => Assert.Equal(("rust-axum", "requestsPerSecond"), (c.Target, c.Metric)));
        // The chart: every req/s cell as a row, the regression among them, coloured and named in the legend.
        var svg = File.ReadAllText(Path.Combine(current, "charts", "compare.svg"));
        Assert.Contains("requestsPerSecond rust-axum @ json-process", svg);
        Assert.Contains("requestsPerSecond go-nethttp @ plaintext", svg);
        var rows = System.Text.RegularExpressions.Regex.Matches(svg, @">\s*requestsPerSecond [a-z-]+ @ [a-z0-9-]+\s*<").Count;
        Assert.Equal(cells.Count(c => c.Metric == "requestsPerSecond"), rows); // no other cell left "same", so req/s rows only
        Assert.Contains("![", File.ReadAllText(Path.Combine(current, "compare.md"))); // compare.md shows it
        Assert.True(new FileInfo(Path.Combine(current, "charts", "compare.png")).Length > 10_000);
        // Nothing else changed: every other target's cells are as before.
        Assert.All(cells.Where(c => c.Target != "rust-axum"), c => Assert.True(c.Verdict is "same" or "not comparable", $"{c.Target}: {c.Verdict}"));
    }

    [Fact]
    public async Task Fail_on_other_metrics_lets_a_throughput_regression_pass()
    {
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "slower", run => SampleRuns.Scale(run, "rust-axum", "requestsPerSecond", 0.7));
        var (code, stdout, _) = await CliProcess.RunAsync("compare", Catalog, current, "--fail-on", "p99,peakMemory");
        Assert.Equal(0, code);
        Assert.Contains("no regression", stdout);
        Assert.Contains("6 slower", stdout); // still shown, just not failing
        Assert.Contains("slower (not in --fail-on)", File.ReadAllText(Path.Combine(current, "compare.md")));
    }

    [Fact]
    public async Task Latency_is_read_in_its_own_direction()
    {
        // p99 twice as high (slower) for go-nethttp, a quarter (faster, beyond its trials' spread of 6–17 ms) for node-fastify.
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "latency", run =>
        {
            foreach (var trial in run["trials"]!.AsArray().Select(t => t!.AsObject()))
                if (trial["latency"] is System.Text.Json.Nodes.JsonObject latency && (string?)trial["target"] is "go-nethttp" or "node-fastify")
                    latency["p99Us"] = (long)(latency["p99Us"]!.GetValue<long>() * ((string?)trial["target"] == "go-nethttp" ? 2 : 0.25));
        });
        var (code, _, _) = await CliProcess.RunAsync("compare", Catalog, current, "--out", _temp.Path);
        Assert.Equal(1, code);
        var cells = CellLines(File.ReadAllText(Path.Combine(_temp.Path, "compare.md")));
        Assert.Contains(cells, c => c is { Scenario: "json-process", Target: "go-nethttp", Metric: "p99", Verdict: "slower" });
        Assert.Contains(cells, c => c is { Scenario: "json-process", Target: "node-fastify", Metric: "p99", Verdict: "faster" });
    }

    [Fact]
    public async Task A_scenario_run_at_another_derived_rate_is_not_comparable()
    {
        // CURRENT's slowest target was faster, so fixed-rate-json ran at a 20 % higher rate: its latencies are at another load.
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "rate", run =>
        {
            var rate = run["derivedRates"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string?)r["scenario"] == "fixed-rate-json");
            rate["rate"] = 14408;
        });
        var (code, stdout, _) = await CliProcess.RunAsync("compare", Catalog, current);
        Assert.Equal(0, code);
        Assert.Contains("scenario 'fixed-rate-json' ran at 12007 req/s in BASELINE and 14408 in CURRENT", stdout);
        var cells = CellLines(File.ReadAllText(Path.Combine(current, "compare.md")));
        Assert.All(cells.Where(c => c.Scenario == "fixed-rate-json"), c => Assert.Equal("not comparable", c.Verdict));
        Assert.Contains(cells, c => c is { Scenario: "fixed-rate-json-process", Verdict: "same" }); // the other rate did not move
    }

    [Fact]
    public async Task A_missing_folder_is_bad_input()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("compare", Catalog, "/nonexistent-run");
        AssertBadInput(code, stderr, "no folder '/nonexistent-run'");
    }

    [Fact]
    public async Task Different_schema_versions_are_bad_input()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("compare", SampleRuns.Folder("local-default"), Catalog, "--out", _temp.Path);
        AssertBadInput(code, stderr, "is results schema version 2, CURRENT");
        Assert.False(File.Exists(Path.Combine(_temp.Path, "compare.md"))); // nothing written
    }

    [Fact]
    public async Task Different_scenario_settings_are_bad_input_that_names_the_setting_and_the_scenario()
    {
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "settings", run => SampleRuns.Scenario(run, "json")["connections"] = 512);
        var (code, _, stderr) = await CliProcess.RunAsync("compare", Catalog, current);
        AssertBadInput(code, stderr, "scenario 'json': connections: 64 in BASELINE, 512 in CURRENT");
        Assert.False(File.Exists(Path.Combine(current, "compare.md")));
    }

    [Fact]
    public async Task Different_machines_are_refused_unless_allowed_and_the_difference_is_named()
    {
        var current = SampleRuns.Copy("local-catalog", _temp.Path, "machine", run =>
        {
            run["environment"]!["hostname"] = "other-host";
            run["environment"]!["cores"] = 8;
        });
        var (code, _, stderr) = await CliProcess.RunAsync("compare", Catalog, current);
        AssertBadInput(code, stderr, "cores: 2 in BASELINE, 8 in CURRENT; hostname: \"vm\" in BASELINE, \"other-host\" in CURRENT");
        Assert.Contains("--allow-different-machines", stderr);

        var (allowed, stdout, _) = await CliProcess.RunAsync("compare", Catalog, current, "--allow-different-machines");
        Assert.Equal(0, allowed);
        Assert.Contains("machine differs: hostname", stdout);
    }

    [Theory]
    [InlineData("--threshold", "0", "--threshold must be in (0, 1)")]
    [InlineData("--fail-on", "rps", "--fail-on: unknown metric 'rps'")]
    public async Task Bad_options_are_bad_input(string option, string value, string message)
    {
        var (code, _, stderr) = await CliProcess.RunAsync("compare", Catalog, Catalog, option, value, "--out", _temp.Path);
        AssertBadInput(code, stderr, message);
    }

    private static void AssertBadInput(int code, string stderr, string message)
    {
        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Trim().Split('\n')); // one line, no stack trace
    }

    private sealed record Cell(string Scenario, string Target, string Metric, string Verdict, string Why);

    /// <summary>The rows of compare.md's cell table (scenario | target | metric | ... | verdict | why).</summary>
    private static List<Cell> CellLines(string markdown) =>
        markdown.Split('\n').SkipWhile(l => !l.StartsWith("| scenario |")).Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|', ' ', '\r').Split(" | ")).Select(c => new Cell(c[0], c[1], c[2], c[^2], c[^1])).ToList();

    public void Dispose() => _temp.Dispose();
}
