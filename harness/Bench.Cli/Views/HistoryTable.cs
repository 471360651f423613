using System.Globalization;
using Bench.Compare.Comparing;
using Bench.Compare.History;
using Bench.Core.Claims;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>The console side of `bench history`: the runs used, the change points (newest first), the notes.</summary>
internal static class HistoryTable
{
    public static void Print(RunHistory history, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var runs = history.Runs;
        console.WriteLine($"{runs.Count} runs from {runs[0].Run.RunId} to {runs[^1].Run.RunId}, {history.Series.Count} series");
        foreach (var note in history.Notes) console.WriteLine($"note: {note}");
        var changes = history.Series.SelectMany(s => s.Changes.Select(c => (s, c))).OrderByDescending(x => x.c.FirstRun.Run.StartedUtc).ToList();
        var tooShort = history.Series.Count(s => s.Points.Count < 2 * history.Options.MinSegment);
        if (tooShort > 0) console.WriteLine($"{tooShort} series have fewer than {2 * history.Options.MinSegment} runs: too few to search for a change");
        if (changes.Count == 0)
        {
            console.MarkupLine("[green]no change point[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn("target").AddColumn("metric").AddColumn("first run after")
            .AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned())
            .AddColumn(new TableColumn("change").RightAligned()).AddColumn("").AddColumn(new TableColumn("p").RightAligned());
        foreach (var (s, c) in changes)
        {
            var direction = HistoryReport.Direction(s.Metric, c.Ratio);
            table.AddRow(Text(s.Scenario), Text(s.Target), Text(s.Metric.Name()), Text(c.FirstRun.Run.RunId),
                Text(CellFormat.Value(c.Before, s.Metric)), Text(CellFormat.Value(c.After, s.Metric)), Text(CellFormat.Percent(c.Ratio)),
                new Markup(direction == "worse" ? "[red]worse[/]" : "[green]better[/]"), Text(c.PValue.ToString("0.###", CultureInfo.InvariantCulture)));
        }
        console.Write(table);
        console.WriteLine($"{changes.Count} change point(s)");
    }

    private static Markup Text(string text) => new(Markup.Escape(text));
}
