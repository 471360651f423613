using System.Globalization;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>`bench history` over copies of the recorded catalog run made into a nightly series with a known step.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("bench-history");

    /// <summary>
    /// 12 nights, every target's req/s moved by up to ±2 % night to night; from night 6 on rust-axum's req/s are 30 % lower.
    /// </summary>
    private void Nights(int count = 12, int stepAt = 6)
    {
        for (var night = 0; night < count; night++)
        {
            var started = new DateTime(2026, 12, 10, 2, 0, 0, DateTimeKind.Utc).AddDays(night);
            var noise = 1 + 0.01 * (night * 7 % 5 - 2);
            // folder names sort differently from start times: the history must order by startedUtc
            SampleRuns.Copy("local-catalog", _temp.Path, $"run-{count - night:00}", run =>
            {
                run["startedUtc"] = started.ToString("O", CultureInfo.InvariantCulture);
                run["runId"] = $"night-{night:00}";
                foreach (var target in new[] { "rust-axum", "go-nethttp", "node-fastify", "node-fastify-cluster", "aspnet-minimal" })
                    SampleRuns.Scale(run, target, "requestsPerSecond", noise * (target == "rust-axum" && night >= stepAt ? 0.7 : 1));
            });
        }
    }

    [Fact]
    public async Task A_step_is_reported_at_the_first_run_after_it_with_its_size_and_nothing_else()
    {
        Nights();
        var (code, stdout, stderr) = await CliProcess.RunAsync("history", _temp.Path);
        Assert.True(code == 0, stderr);
        Assert.Contains("12 runs from night-00 to night-11", stdout);
        var md = File.ReadAllText(Path.Combine(_temp.Path, "history.md"));
        var rows = md.Split('\n').SkipWhile(l => !l.StartsWith("| scenario | target | metric | first run after")).Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|', ' ', '\r').Split(" | ")).ToList();
        Assert.NotEmpty(rows);
        // Only rust-axum's req/s changed, at night 6, by about −30 % (the nights' ±2 % noise moves the medians a little), and it is worse.
        Assert.All(rows, r =>
        {
            Assert.Equal(("rust-axum", "requestsPerSecond", "night-06"), (r[1], r[2], r[3]));
            Assert.Matches(@"^−(29|30|31)\.\d %$", r[7]);
            Assert.Equal("worse", r[8]);
        });
        // every rust-axum req/s series with a point per night (those without load-generator-bound trials) shows it
        Assert.Contains(rows, r => r[0] == "json-process");
        Assert.Contains(rows, r => r[0] == "db");
        // The chart of db's req/s: a line per target, the run ids on the axis, the change point marked.
        var svg = File.ReadAllText(Path.Combine(_temp.Path, "charts", "history-db-requestsPerSecond.svg"));
        foreach (var label in new[] { "rust-axum", "go-nethttp", "aspnet-minimal", "night-00", "db: requestsPerSecond over 12 runs (dashed: change points)" })
            Assert.Contains(label, svg);
        Assert.Contains("charts/history-db-requestsPerSecond.png", md);
    }

    [Fact]
    public async Task Without_a_step_there_is_no_change_point()
    {
        Nights(stepAt: int.MaxValue);
        var (code, stdout, _) = await CliProcess.RunAsync("history", _temp.Path, "--out", _temp.Path);
        Assert.Equal(0, code);
        Assert.Contains("no change point", stdout);
        Assert.Contains("**No change point.**", File.ReadAllText(Path.Combine(_temp.Path, "history.md")));
    }

    [Fact]
    public async Task A_run_of_another_schema_version_is_left_out_and_named()
    {
        Nights(count: 3, stepAt: int.MaxValue); // after local-default (2026-12-02), so the nights set the version
        var (code, stdout, _) = await CliProcess.RunAsync("history", _temp.Path, SampleRuns.Folder("local-default"), "--out", _temp.Path);
        Assert.Equal(0, code);
        Assert.Contains("local-default left out: results schema version 2, the latest run's is 3", stdout);
        Assert.Contains("3 runs from night-00 to night-02", stdout);
        Assert.Contains("too few to search", stdout);
    }

    [Fact]
    public async Task A_missing_folder_or_one_without_runs_is_bad_input()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("history", "/nonexistent-runs");
        Assert.Equal(2, code);
        Assert.Contains("no folder '/nonexistent-runs'", stderr);

        Directory.CreateDirectory(_temp.Path);
        (code, _, stderr) = await CliProcess.RunAsync("history", _temp.Path);
        Assert.Equal(2, code);
        Assert.Contains("has no results.json, nor does any folder in it", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    public void Dispose() => _temp.Dispose();
}
