using Bench.Charts.Data;
using Bench.Core.Scenarios;
using Bench.Pipeline.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Charts.Plots;

/// <summary>
/// What each target costs, run-wide: memory at idle and at its peak, start-up time, artifact size, and requests per
/// CPU-second per scenario. Medians over kept trials; the figures a chart leaves out are said in its axis label.
/// </summary>
public static class ResourcesCharts
{
    private const double MiB = 1024.0 * 1024;

    public static IEnumerable<Chart> Create(RunFigures run)
    {
        if (Memory(run) is { } memory) yield return memory;
        if (Startup(run) is { } startup) yield return startup;
        if (Artifact(run) is { } artifact) yield return artifact;
        if (Efficiency(run) is { } efficiency) yield return efficiency;
    }

    private static IEnumerable<TrialResult> KeptOf(RunFigures run, string target) =>
        run.Run.Trials.Where(t => t.Target == target && t.IsTargetsFigure && t.Failure is null);

    /// <summary>
    /// Idle: a fresh target's (its session's first trial, or a cold start), the median; peak: the highest reading of any
    /// kept trial, since the heaviest scenario decides how much memory a target needs.
    /// </summary>
    private static Chart? Memory(RunFigures run)
    {
        var series = new List<(string Name, Color Color, Func<string, double?> Value)>
        {
            ("idle (fresh target, median)", Colors.SteelBlue, t => Median(KeptOf(run, t).Where(x => x.Position == 1).Select(x => x.IdleRssBytes / MiB))),
            ("peak (highest of any trial)", Colors.OrangeRed, t => KeptOf(run, t).Select(x => x.PeakRssBytes / MiB).Max()),
        };
        return Grouped(run, "resources-memory", "Memory per target", "MiB", series);
    }

    private static Chart? Startup(RunFigures run)
    {
        var coldStarts = run.Scenarios.Where(s => s.Model == LoadKind.Startup).Select(s => s.Name).ToHashSet();
        var series = new List<(string, Color, Func<string, double?>)>
        {
            ("start-up (median of cold starts)", Colors.SeaGreen, t => Median(KeptOf(run, t).Where(x => coldStarts.Contains(x.Scenario)).Select(x => x.StartupMs))),
        };
        return Grouped(run, "resources-startup", "Start-up: start → first 200 on /healthz", "milliseconds", series);
    }

    private static Chart? Artifact(RunFigures run)
    {
        var label = run.Run.Environment.Runtime == "docker" ? "image size" : "build artifact";
        var series = new List<(string, Color, Func<string, double?>)>
        {
            (label, Colors.SlateGray, t => Median(KeptOf(run, t).Select(x => x.ArtifactBytes / MiB))),
        };
        return Grouped(run, "resources-artifact", $"Artifact size ({label})", "MiB", series);
    }

    /// <summary>Requests per CPU-second of the target, per load scenario: efficiency whatever the cores it got.</summary>
    private static Chart? Efficiency(RunFigures run)
    {
        var scenarios = run.LoadScenarios.Select(s => s.Name)
            .Where(s => run.Kept(s).Any(t => t.RequestsPerCpuSecond is not null)).ToList();
        if (scenarios.Count == 0) return null;
        var plot = new Plot();
        var ticks = new NumericManual();
        var width = 0.8 / run.Targets.Count;
        var legend = new HashSet<string>();
        for (var s = 0; s < scenarios.Count; s++)
        {
            ticks.AddMajor(s, scenarios[s]);
            for (var i = 0; i < run.Targets.Count; i++)
            {
                var value = Median(run.Kept(scenarios[s], run.Targets[i]).Select(t => t.RequestsPerCpuSecond));
                if (value is null) continue;
                var bar = plot.Add.Bar(new Bar
                {
                    Position = s - 0.4 + width * (i + 0.5), Value = value.Value, Size = width * 0.95,
                    FillColor = ChartColors.Target(i), LineWidth = 0,
                });
                bar.LegendText = "";
                legend.Add(run.Targets[i]);
            }
        }
        for (var i = 0; i < run.Targets.Count; i++)
            if (legend.Contains(run.Targets[i]))
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = run.Targets[i], FillColor = ChartColors.Target(i), LineWidth = 0 });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 130;
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = LogAxis.Number };
        plot.Axes.Margins(bottom: 0);
        const string title = "Requests per CPU-second of the target (median of trials)";
        plot.Title(title);
        plot.YLabel("successful requests / target CPU-second");
        return new Chart("resources-efficiency", ChartKind.Resources, null, title, plot, 1100, 520);
    }

    /// <summary>Bars per target, one per series side by side; null when no target has any of the figures.</summary>
    private static Chart? Grouped(RunFigures run, string name, string title, string unit, List<(string Name, Color Color, Func<string, double?> Value)> series)
    {
        var values = run.Targets.Select(t => series.Select(s => s.Value(t)).ToArray()).ToList();
        if (values.All(v => v.All(x => x is null))) return null;
        var plot = new Plot();
        var ticks = new NumericManual();
        var width = 0.8 / series.Count;
        for (var i = 0; i < run.Targets.Count; i++)
        {
            ticks.AddMajor(i, run.Targets[i]);
            for (var k = 0; k < series.Count; k++)
            {
                if (values[i][k] is not { } v) continue;
                var bar = plot.Add.Bar(new Bar
                {
                    Position = i - 0.4 + width * (k + 0.5), Value = v, Size = width * 0.95, FillColor = series[k].Color, LineWidth = 0,
                    Label = v.ToString(v >= 100 ? "0" : v >= 10 ? "0.#" : "0.##", System.Globalization.CultureInfo.InvariantCulture),
                });
                bar.LegendText = "";
                bar.ValueLabelStyle.FontSize = 11;
            }
        }
        foreach (var s in series)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = s.Name, FillColor = s.Color, LineWidth = 0 });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = LogAxis.Number };
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Title(title);
        plot.YLabel(unit);
        return new Chart(name, ChartKind.Resources, null, title, plot, 800, 450);
    }

    internal static double? Median(IEnumerable<double?> values)
    {
        var list = values.OfType<double>().ToList();
        return list.Count == 0 ? null : Stats.SampleMedian.Of(list);
    }
}
