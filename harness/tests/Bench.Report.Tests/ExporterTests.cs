using System.Globalization;
using Bench.Charts;
using Bench.Charts.Data;
using Bench.Report.Document;
using Bench.Report.Exporters;

namespace Bench.Report.Tests;

/// <summary>The exporters' output from the catalog sample: one content, three formats.</summary>
public sealed class ExporterTests
{
    private static readonly RunFigures Catalog = RunFigures.Load(SampleRuns.Path(SampleRuns.Catalog));

    [Fact]
    public void Csv_has_one_row_per_trial_with_invariant_unrounded_numbers()
    {
        var lines = CsvExporter.Render(Catalog.Run).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Catalog.Run.Trials.Count + 1, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(["scenario", "target", "trial", "attempt"], header[..4]);
        var rps = Array.IndexOf(header, "requestsPerSecond");
        var first = Catalog.Run.Trials[0];
        var cells = lines[1].Split(','); // the first trial's fields hold no comma
        Assert.Equal(first.Scenario, cells[0]);
        Assert.Equal(first.RequestsPerSecond, double.Parse(cells[rps], CultureInfo.InvariantCulture));
        // retried attempts and the A/A arm are there, marked as not counted
        var counted = Array.IndexOf(header, "counted");
        Assert.Equal(Catalog.Run.Trials.Count(t => !t.IsTargetsFigure), lines.Skip(1).Count(l => l.Split(',')[counted] == "false"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Csv_fields_are_quoted_as_rfc_4180_says(string value, string field) => Assert.Equal(field, CsvExporter.Field(value));

    [Fact]
    public void Markdown_escapes_what_would_break_a_table_cell()
    {
        var md = MarkdownExporter.Render(new ReportDocument("t", [new Table([new("a")], [["Memory footprint | Very low <b>"]])]));
        Assert.Contains("| Memory footprint \\| Very low \\<b\\> |", md);
    }

    [Fact]
    public void Html_is_one_file_with_every_chart_inlined_no_script_and_a_policy_that_forbids_requests()
    {
        var charts = RunCharts.Create(Catalog, Core.Claims.ClaimCatalogLoader.Load());
        var html = HtmlExporter.Render(new ReportContext(Catalog, charts, RunReport.Build(Catalog, charts)));
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlExporter.Policy}\">", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.Equal(charts.Count, System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count);
        Assert.All(charts, c => Assert.Contains($"<figure id=\"chart-{c.Name}\">", html));
    }

    [Fact]
    public void Markdown_and_html_say_the_same_things()
    {
        var charts = RunCharts.Create(Catalog, Core.Claims.ClaimCatalogLoader.Load());
        var document = RunReport.Build(Catalog, charts);
        var html = System.Net.WebUtility.HtmlDecode(HtmlExporter.Render(new ReportContext(Catalog, charts, document)));
        var headings = document.Blocks.OfType<Heading>().ToList();
        Assert.Contains(headings, h => h.Text == "Verdicts");
        Assert.Contains(headings, h => h.Text == "plaintext");
        Assert.Contains(headings, h => h.Text == "Environment and settings");
        Assert.Contains(headings, h => h.Text == "Flags");
        var md = MarkdownExporter.Render(document);
        foreach (var h in headings)
        {
            Assert.Contains($"<h{h.Level}>{h.Text}</h{h.Level}>", html);
            Assert.Contains($"{new string('#', h.Level)} {MarkdownExporter.Escape(h.Text)}\n", md);
        }
        // every flag present in the run is explained
        foreach (var flag in Catalog.Run.Trials.Where(t => t.IsTargetsFigure).SelectMany(t => t.Flags).Distinct())
            Assert.Contains($"| {MarkdownExporter.Escape(flag)} |", md);
    }
}
