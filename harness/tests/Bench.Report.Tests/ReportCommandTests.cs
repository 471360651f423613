using Bench.Charts;
using Bench.Charts.Data;
using Bench.Core.Claims;
using Bench.Testing;

namespace Bench.Report.Tests;

/// <summary>`bench report DIR` as users run it: what it writes, that the same input gives the same SVG bytes, and bad input.</summary>
[Trait("Category", "Integration")]
public sealed class ReportCommandTests
{
    [Theory]
    [InlineData(SampleRuns.Default)]
    [InlineData(SampleRuns.Catalog)]
    public async Task Writes_the_report_and_every_chart_and_the_same_svg_bytes_twice(string sample)
    {
        using var temp = new TempFolder("report");
        var dir = SampleRuns.Copy(sample, temp.Path);

        var (code, stdout, stderr) = await CliProcess.RunAsync("report", dir);
        Assert.True(code == 0, $"exit {code}: {stdout}{stderr}");
        foreach (var file in new[] { "report.md", "report.html", "report.csv" })
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, $"{file} missing or empty");

        // every chart the run has, as PNG and SVG, and nothing else in charts/
        var expected = RunCharts.Create(RunFigures.Load(dir), ClaimCatalogLoader.Load()).Select(c => c.Name).Order().ToList();
        var svgs = Directory.GetFiles(Path.Combine(dir, Chart.Folder), "*.svg").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        var pngs = Directory.GetFiles(Path.Combine(dir, Chart.Folder), "*.png").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        Assert.Equal(expected, svgs);
        Assert.Equal(expected, pngs);
        Assert.Contains($"{expected.Count} charts", stdout);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));

        // a chart an earlier report drew and this one does not is removed on the next
        File.WriteAllText(Path.Combine(dir, Chart.Folder, "throughput-gone.svg"), "<svg/>");
        var first = svgs.ToDictionary(n => n!, n => File.ReadAllBytes(Path.Combine(dir, Chart.Folder, n + ".svg")));
        var again = await CliProcess.RunAsync("report", dir);
        Assert.Equal(0, again.Code);
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, Chart.Folder, name + ".svg"))), $"{name}.svg differs the second time");
        Assert.False(File.Exists(Path.Combine(dir, Chart.Folder, "throughput-gone.svg")));
    }

    [Fact]
    public async Task The_catalog_run_has_the_claims_chart_and_the_verdict_table_comes_first()
    {
        using var temp = new TempFolder("report");
        var dir = SampleRuns.Copy(SampleRuns.Catalog, temp.Path);
        Assert.Equal(0, (await CliProcess.RunAsync("report", dir)).Code);

        Assert.True(File.Exists(Path.Combine(dir, "charts", "claims.svg")));
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        var verdicts = md.IndexOf("## Verdicts", StringComparison.Ordinal);
        Assert.True(verdicts > 0 && verdicts < md.IndexOf("## Scenarios", StringComparison.Ordinal), "the verdict table must come before the scenarios");
        Assert.Contains("| rust-go-2-3x |", md);
        // every chart is linked by a relative path that exists
        var links = System.Text.RegularExpressions.Regex.Matches(md, @"\]\((charts/[^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(dir, "charts")).Length, links.Count);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(dir, link)), link));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_one_line_and_exit_2()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("report", "/nonexistent/run");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no folder '/nonexistent/run'", line);
    }

    [Fact]
    public async Task A_claims_file_that_does_not_exist_is_exit_2_and_the_folder_gets_nothing()
    {
        using var temp = new TempFolder("report");
        var dir = SampleRuns.Copy(SampleRuns.Default, temp.Path);
        var (code, _, stderr) = await CliProcess.RunAsync("report", dir, "--claims", "/nonexistent/claims.yaml");
        Assert.Equal(2, code);
        Assert.Contains("no claims catalog at /nonexistent/claims.yaml", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public async Task A_folder_without_results_json_is_exit_2_and_gets_nothing()
    {
        using var temp = new TempFolder("report");
        Directory.CreateDirectory(temp.Path);
        var (code, _, stderr) = await CliProcess.RunAsync("report", temp.Path);
        Assert.Equal(2, code);
        Assert.Contains("has no results.json", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task An_unreadable_results_json_is_exit_2_and_gets_nothing()
    {
        using var temp = new TempFolder("report");
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(Path.Combine(temp.Path, "results.json"), "{ \"runId\": ");
        var (code, _, stderr) = await CliProcess.RunAsync("report", temp.Path);
        Assert.Equal(2, code);
        Assert.Contains("is not a readable results.json", stderr);
        Assert.Equal(["results.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
