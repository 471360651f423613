using Bench.Compare.Comparing;
using Bench.Core.Claims;
using Bench.Stats.Comparisons;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>
/// The console side of `bench compare`: what separates the runs, then every cell that is not "same" (regressions
/// first), then the tally and the verdict line. compare.md has every cell.
/// </summary>
internal static class CompareTable
{
    public static void Print(RunComparison comparison, IReadOnlyCollection<ClaimMetric> failOn, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var (b, c) = (comparison.Baseline.Run, comparison.Current.Run);
        console.WriteLine($"BASELINE {b.RunId} ({b.Status}, harness {b.Environment.HarnessCommit}) → CURRENT {c.RunId} ({c.Status}, harness {c.Environment.HarnessCommit}); threshold ±{comparison.Threshold:0.###}");
        foreach (var line in comparison.MachineDifferences) console.MarkupLine($"[yellow]machine differs:[/] {Markup.Escape(line)}");
        foreach (var line in comparison.SoftwareChanges) console.WriteLine($"software: {line}");
        foreach (var line in comparison.Notes) console.WriteLine($"note: {line}");

        var shown = comparison.Cells.Where(x => x.Change.Change != Change.Same).OrderBy(x => CellFormat.Order(x.Change.Change)).ToList();
        if (shown.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("scenario").AddColumn("target").AddColumn("metric")
                .AddColumn(new TableColumn("BASELINE").RightAligned()).AddColumn(new TableColumn("CURRENT").RightAligned())
                .AddColumn(new TableColumn("ratio [[95 % bounds]]").RightAligned()).AddColumn("verdict").AddColumn("why");
            foreach (var x in shown)
                table.AddRow(Text(x.Scenario), Text(x.Target), Text(x.Metric.Name()),
                    Text(CellFormat.Value(x.BaselineMedian, x.Metric)), Text(CellFormat.Value(x.CurrentMedian, x.Metric)),
                    Text(CellFormat.Ratio(x.Change)), Colour(x.Change.Change), new Markup($"[dim]{Markup.Escape(x.Change.Reason)}[/]"));
            console.Write(table);
        }
        console.WriteLine(CompareReport.Tally(comparison) + (shown.Count < comparison.Cells.Count ? " (the 'same' ones are in compare.md)" : ""));
        var regressions = comparison.Regressions(failOn);
        if (regressions.Count == 0) console.MarkupLine("[green]no regression[/] beyond the threshold");
        else
            foreach (var r in regressions)
                console.MarkupLine($"[red]regression:[/] {Markup.Escape($"{r.Scenario} {r.Target} {r.Metric.Name()} {CellFormat.Percent(r.Change.Estimate!.Value)} ({CellFormat.Ratio(r.Change)})")}");
    }

    private static Markup Text(string text) => new(Markup.Escape(text));

    private static Markup Colour(Change change) => new(change switch
    {
        Change.Slower => "[red]slower[/]",
        Change.Faster => "[green]faster[/]",
        Change.Inconclusive => "[yellow]inconclusive[/]",
        Change.NotComparable => "[grey]not comparable[/]",
        _ => "same",
    });
}
