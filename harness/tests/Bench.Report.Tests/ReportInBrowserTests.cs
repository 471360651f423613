using System.Diagnostics;
using System.Text.Json.Nodes;
using Bench.Core;
using Bench.Report.Exporters;
using Bench.Testing;

namespace Bench.Report.Tests;

/// <summary>
/// report.html in a real browser (Debian's chromium, headless): every chart renders (an SVG with a size and its text),
/// and the page makes no request. The request check runs on a copy without the page's Content-Security-Policy, so an
/// external reference would show as a request rather than be blocked silently; a control page proves the check sees one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReportInBrowserTests
{
    /// <summary>Per figure: its id, the size the SVG was laid out at, and how many text and shape elements it holds.</summary>
    private const string Figures = """
        [...document.querySelectorAll('figure')].map(f => {
          const svg = f.querySelector('svg');
          const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
          return { id: f.id, width: box.width, height: box.height,
                   texts: svg ? svg.querySelectorAll('text').length : 0,
                   shapes: svg ? svg.querySelectorAll('path, rect, ellipse').length : 0 };
        })
        """;

    [SkippableFact]
    public async Task Every_chart_renders_and_no_request_leaves_the_page()
    {
        EnsureChromium();
        using var temp = new TempFolder("report-browser");
        var dir = SampleRuns.Copy(SampleRuns.Catalog, temp.Path);
        var outcome = ReportWriter.Write(dir, Core.Claims.ClaimCatalogLoader.Load());
        var report = Path.Combine(dir, HtmlExporter.FileName);
        var html = File.ReadAllText(report);
        var policy = $"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlExporter.Policy}\">";
        Assert.Contains(policy, html);
        var unguarded = Path.Combine(dir, "unguarded.html");
        File.WriteAllText(unguarded, html.Replace(policy, ""));

        await using var browser = await HeadlessChromium.StartAsync();
        foreach (var page in new[] { report, unguarded })
        {
            var visit = await browser.OpenAsync(new Uri(page).AbsoluteUri, Figures, TimeSpan.FromSeconds(90));
            var figures = visit.Value!.AsArray().Select(f => f!).ToList();
            Assert.Equal(outcome.Charts, figures.Count);
            Assert.All(figures, f =>
            {
                var id = f["id"]!.GetValue<string>();
                Assert.True(f["width"]!.GetValue<double>() > 300 && f["height"]!.GetValue<double>() > 100, $"{id} laid out at {f["width"]}×{f["height"]}");
                Assert.True(f["texts"]!.GetValue<int>() >= 3, $"{id} has no text");
                Assert.True(f["shapes"]!.GetValue<int>() >= 3, $"{id} has no shapes");
            });
            // the page itself is the only request: no font, image, style or script from anywhere
            Assert.Equal([new Uri(page).AbsoluteUri], visit.Requests);
        }
    }

    [SkippableFact]
    public async Task The_request_check_sees_a_page_that_fetches_something()
    {
        EnsureChromium();
        using var temp = new TempFolder("report-browser");
        Directory.CreateDirectory(temp.Path);
        var page = Path.Combine(temp.Path, "control.html");
        // loopback's discard port: nothing answers, but the request is made, and that is what the check must see
        File.WriteAllText(page, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/probe.png\"></body></html>");
        await using var browser = await HeadlessChromium.StartAsync();
        var visit = await browser.OpenAsync(new Uri(page).AbsoluteUri, "1", TimeSpan.FromSeconds(60));
        Assert.Contains("http://127.0.0.1:9/probe.png", visit.Requests);
    }

    /// <summary>
    /// chromium from Debian, installed by scripts/bootstrap/tests/chromium.sh when missing (./bench test runs it first);
    /// the test is skipped, saying so, only when apt cannot reach a mirror (the script's exit code 3).
    /// </summary>
    private static void EnsureChromium()
    {
        if (OnPath("chromium")) return;
        var script = Path.Combine(RepoPaths.Root, "scripts", "bootstrap", "tests", "chromium.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true })!;
        var errors = install.StandardError.ReadToEnd();
        install.WaitForExit();
        Skip.If(install.ExitCode == 3, $"chromium is not installed and apt could not reach a Debian mirror to install it: {errors.Trim()}");
        Assert.True(install.ExitCode == 0 && OnPath("chromium"), $"{script} failed (exit {install.ExitCode}): {errors}");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
