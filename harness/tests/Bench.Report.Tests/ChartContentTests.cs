using System.Xml.Linq;
using Bench.Charts;
using Bench.Charts.Data;
using Bench.Charts.Plots;
using Bench.Core.Claims;
using Bench.Core.Scenarios;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Bench.Report.Tests;

/// <summary>What the charts of the sample runs show: their series, points and labels, in the plots and in the SVG text.</summary>
public sealed class ChartContentTests
{
    private static readonly RunFigures Catalog = RunFigures.Load(SampleRuns.Path(SampleRuns.Catalog));
    private static readonly RunFigures Default = RunFigures.Load(SampleRuns.Path(SampleRuns.Default));
    private static readonly ClaimCatalog Claims = ClaimCatalogLoader.Load();

    static ChartContentTests() => ChartFont.Register();

    [Fact]
    public void Every_load_scenario_gets_throughput_and_latency_and_fixed_rates_get_latency_over_time()
    {
        var names = RunCharts.Create(Catalog, Claims).Select(c => c.Name).ToList();
        var load = Catalog.Scenarios.Where(s => s.Model != LoadKind.Startup).ToList();
        Assert.Equal(12, load.Count);
        foreach (var s in load)
        {
            Assert.Contains($"throughput-{s.Name}", names);
            Assert.Contains($"latency-{s.Name}", names);
            Assert.Equal(s.Model == LoadKind.Open, names.Contains($"latency-over-time-{s.Name}"));
        }
        Assert.DoesNotContain("throughput-cold-start", names);
        Assert.Equal(["claims", "resources-memory", "resources-startup", "resources-artifact", "resources-efficiency"],
            names.Where(n => !n.StartsWith("throughput-") && !n.StartsWith("latency-")));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void A_run_without_claims_or_cold_starts_has_neither_chart()
    {
        var names = RunCharts.Create(Default, Claims).Select(c => c.Name).ToList();
        Assert.DoesNotContain("claims", names);
        Assert.DoesNotContain("resources-startup", names);
        Assert.Equal(4 * 2 + 3, names.Count); // 4 scenarios × (throughput, latency) + memory, artifact, efficiency
    }

    [Fact]
    public void Throughput_has_a_bar_per_target_a_dot_per_trial_and_a_cross_per_flagged_trial()
    {
        var scenario = Catalog.Scenarios.Single(s => s.Name == "plaintext");
        var chart = ThroughputChart.Create(Catalog, scenario)!;
        var bars = chart.Plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.Equal(5, bars.Count);
        var labels = Ticks(chart, chart.Plot.Axes.Bottom).Select(t => t.Label).ToList();
        Assert.Equal(Catalog.Targets, labels);
        // the bar of rust-axum stands at the median of its kept trials
        var rust = Catalog.Kept("plaintext", "rust-axum").Select(t => t.RequestsPerSecond!.Value).ToList();
        Assert.Equal(Stats.SampleMedian.Of(rust), bars[labels.IndexOf("rust-axum")].Value, 6);

        var markers = chart.Plot.GetPlottables<Markers>().ToList();
        var flagged = Catalog.Kept("plaintext").Count(t => t.Flags.Count > 0);
        Assert.True(flagged > 0, "the sample has flagged plaintext trials");
        var crosses = Assert.Single(markers, m => m.LegendText == "flagged trial");
        Assert.Equal(flagged, crosses.Data.GetScatterPoints().Count);
        Assert.Equal(Catalog.Kept("plaintext").Count, markers.Where(m => m != crosses).Sum(m => m.Data.GetScatterPoints().Count));

        var texts = SvgTexts(chart.Svg());
        Assert.Contains("flagged trial", texts);
        Assert.All(Catalog.Targets, t => Assert.Contains(t, texts));
    }

    [Fact]
    public void Latency_spectrum_has_a_line_per_target_on_the_percentile_scale()
    {
        var chart = LatencySpectrumChart.Create(Catalog, Catalog.Scenarios.Single(s => s.Name == "json"))!;
        var lines = chart.Plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(5, lines.Count);
        Assert.All(Catalog.Targets, t => Assert.Single(lines, l => l.LegendText.StartsWith(t + " (")));
        var texts = SvgTexts(chart.Svg());
        Assert.Contains("50%", texts);
        Assert.Contains("99%", texts);
        Assert.Contains("99.9%", texts);
        Assert.Contains("99.99%", texts);
        // y is log10(ms) of the merged histogram: the line's first point is the merged minimum, its median the merged p50
        var rust = Catalog.Histogram("json", "rust-axum")!;
        var line = lines.Single(l => l.LegendText.StartsWith("rust-axum ("));
        var points = line.Data.GetScatterPoints();
        var median = points.MinBy(p => Math.Abs(p.X - LogAxis.PercentileX(50)));
        Assert.InRange(Math.Pow(10, median.Y) * 1000, rust.MicrosecondsAt(49), rust.MicrosecondsAt(51));
    }

    [Fact]
    public void Latency_over_time_draws_each_kept_trial_of_each_target()
    {
        var chart = LatencyOverTimeChart.Create(Catalog, Catalog.Scenarios.Single(s => s.Name == "fixed-rate-json"))!;
        var lines = chart.Plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(Catalog.Kept("fixed-rate-json").Count, lines.Count);
        Assert.Equal(Catalog.Targets, lines.Select(l => l.LegendText).Where(t => t != "").Select(t => t[..t.IndexOf(' ')]));
        Assert.Null(LatencyOverTimeChart.Create(Catalog, Catalog.Scenarios.Single(s => s.Name == "json")));
    }

    [Fact]
    public void Claims_chart_has_a_dot_per_ratio_row_labelled_with_its_claim_and_a_band_where_the_catalog_matches()
    {
        var chart = ClaimsChart.Create(Catalog, Claims)!;
        var rows = Catalog.Run.Claims!.SelectMany(c => c.Rows.Where(r => r.Denominator is not null && r.Estimate > 0).Select(r => (c, r))).ToList();
        Assert.Equal(rows.Count, chart.Plot.GetPlottables<Marker>().Count());
        var labels = Ticks(chart, chart.Plot.Axes.Left).OrderByDescending(t => t.Position).Select(t => t.Label).ToList();
        Assert.Equal(rows.Select(x => ClaimsChart.Label(x.c, x.r)), labels);
        // rust-go-2-3x is RANGE [2, 3]: its band is exactly that
        var bands = chart.Plot.GetPlottables<ScottPlot.Plottables.Rectangle>().ToList();
        Assert.Contains(bands, b => Math.Abs(b.X1 - Math.Log10(2)) < 1e-9 && Math.Abs(b.X2 - Math.Log10(3)) < 1e-9);
        // verdict colours: every refuted row's dot is the refuted colour
        var refuted = rows.Count(x => x.r.Verdict == Stats.Verdicts.Verdict.Refuted);
        Assert.True(refuted > 0);
        Assert.Equal(refuted, chart.Plot.GetPlottables<Marker>().Count(m => m.Color == ChartColors.Of(Stats.Verdicts.Verdict.Refuted)));
        var first = ClaimsChart.Label(rows[0].c, rows[0].r);
        Assert.StartsWith("rust-go-2-3x: rust-axum/go-nethttp requestsPerSecond @ plaintext", first);
        Assert.Contains(first, SvgTexts(chart.Svg()));
        // a row whose numerator the load generator bounded: its upper side is open, drawn to the axis's right edge
        var censored = rows.First(x => x.r.Censoring == Stats.Verdicts.Censoring.Numerator);
        Assert.EndsWith("(censored)", ClaimsChart.Label(censored.c, censored.r));
        var y = rows.Count - 1 - rows.IndexOf(censored);
        var whisker = Assert.Single(chart.Plot.GetPlottables<LinePlot>(), l => l.Start.Y == y);
        Assert.Equal(chart.Plot.Axes.GetLimits().Right, whisker.End.X, 9);
    }

    [Fact]
    public void Claims_chart_draws_no_band_when_the_catalog_says_something_else_than_the_run_judged()
    {
        var changed = Claims with
        {
            Claims = [.. Claims.Claims.Select(c => c with { Parts = [.. c.Parts.Select(p => p with { Rule = new RangeRule(7, 8) })] })],
        };
        var chart = ClaimsChart.Create(Catalog, changed)!;
        Assert.Empty(chart.Plot.GetPlottables<ScottPlot.Plottables.Rectangle>());
        Assert.Equal(chart.Plot.GetPlottables<Marker>().Count(), ClaimsChart.Create(Catalog, Claims)!.Plot.GetPlottables<Marker>().Count());
    }

    [Fact]
    public void Resources_charts_show_each_target()
    {
        var charts = ResourcesCharts.Create(Catalog).ToDictionary(c => c.Name);
        var memory = charts["resources-memory"].Plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.Equal(2 * Catalog.Targets.Count, memory.Count);
        // the peak bar of each target is its highest reading of any kept trial, in MiB
        var rustPeak = Catalog.Run.Trials.Where(t => t.Target == "rust-axum" && t.IsTargetsFigure && t.Failure is null).Max(t => t.PeakRssBytes)!.Value / 1048576.0;
        Assert.Contains(memory, b => Math.Abs(b.Value - rustPeak) < 1e-9);
        var startup = charts["resources-startup"].Plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars).ToList();
        Assert.Equal(Catalog.Targets.Count, startup.Count);
        var efficiency = charts["resources-efficiency"];
        Assert.Equal(12, Ticks(efficiency, efficiency.Plot.Axes.Bottom).Length);
        Assert.Contains("fixed-rate-json-process", SvgTexts(efficiency.Svg()));
    }

    [Fact]
    public void The_same_chart_drawn_twice_gives_the_same_svg_and_two_charts_share_no_clip_id()
    {
        var scenario = Catalog.Scenarios.Single(s => s.Name == "db");
        var a = ThroughputChart.Create(Catalog, scenario)!.Svg();
        var b = ThroughputChart.Create(Catalog, scenario)!.Svg();
        Assert.Equal(a, b);
        var other = LatencySpectrumChart.Create(Catalog, scenario)!.Svg();
        var ids = Ids(a);
        Assert.NotEmpty(ids);
        Assert.Empty(ids.Intersect(Ids(other)));
        Assert.Contains("viewBox=\"0 0 800 450\"", a);
    }

    [Fact]
    public void Text_is_drawn_with_the_shipped_font_not_left_blank()
    {
        // a plot with nothing but a title: every dark pixel in the PNG is the title's text
        var plot = new Plot();
        plot.HideAxesAndGrid();
        plot.Title("requests per second 0123456789");
        using var image = SkiaSharp.SKBitmap.Decode(plot.GetImageBytes(400, 120, ImageFormat.Png));
        var dark = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                if (image.GetPixel(x, y).Red < 128) dark++;
        Assert.True(dark > 200, $"{dark} dark pixels: the title was not drawn");
        Assert.Contains("DejaVu Sans", new Chart("t", ChartKind.Resources, null, "t", plot, 400, 120).Svg());
    }

    [Theory]
    [InlineData(50, 0.30103)]
    [InlineData(90, 1)]
    [InlineData(99, 2)]
    [InlineData(99.9, 3)]
    public void Percentiles_sit_on_the_one_over_one_minus_p_scale(double percentile, double x) =>
        Assert.Equal(x, LogAxis.PercentileX(percentile), 5);

    [Fact]
    public void Log_ticks_are_labelled_with_values_at_one_two_five()
    {
        var plot = new Plot();
        plot.Axes.Bottom.TickGenerator = LogAxis.Decades(0.3, 60);
        var ticks = Ticks(new Chart("t", ChartKind.Resources, null, "t", plot, 400, 300), plot.Axes.Bottom);
        Assert.Equal(["0.5", "1", "2", "5", "10", "20", "50"], ticks.Select(t => t.Label));
        Assert.Equal(Math.Log10(20), ticks.Single(t => t.Label == "20").Position, 9);
    }

    /// <summary>A manual tick generator's ticks, which ScottPlot fills in when it draws: so the chart is drawn first.</summary>
    private static Tick[] Ticks(Chart chart, IAxis axis)
    {
        chart.Svg();
        return ((NumericManual)axis.TickGenerator).Ticks;
    }

    [Fact]
    public void A_range_within_a_decade_gets_evenly_spaced_ticks_at_their_logs()
    {
        var plot = new Plot();
        plot.Axes.Bottom.TickGenerator = LogAxis.Decades(100, 160);
        var ticks = Ticks(new Chart("t", ChartKind.Resources, null, "t", plot, 400, 300), plot.Axes.Bottom);
        Assert.Equal(["100", "110", "120", "130", "140", "150", "160"], ticks.Select(t => t.Label));
        Assert.Equal(Math.Log10(130), ticks.Single(t => t.Label == "130").Position, 9);
    }

    internal static List<string> SvgTexts(string svg) =>
        [.. XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];

    private static HashSet<string> Ids(string svg) =>
        [.. XDocument.Parse(svg).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()];
}
