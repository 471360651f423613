using Bench.Stats;
using Bench.Pipeline.Results;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>
/// The end-of-run table: target × scenario, the median over trials (with the range when there are several),
/// and the flags that say which figures not to trust.
/// </summary>
internal static class RunSummaryTable
{
    public static void Print(IReadOnlyList<TrialResult> trials)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("scenario").AddColumn("target")
            .AddColumn(new TableColumn("req/s").RightAligned()).AddColumn(new TableColumn("p50").RightAligned())
            .AddColumn(new TableColumn("p99").RightAligned()).AddColumn(new TableColumn("peak mem").RightAligned())
            .AddColumn(new TableColumn("startup").RightAligned()).AddColumn(new TableColumn("req/CPU-s").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned()).AddColumn("flags");
        // A replaced attempt and the A/A comparison's extra arm are not the target's figures.
        foreach (var group in trials.Where(t => t.IsTargetsFigure).GroupBy(t => (t.Scenario, t.Target)))
        {
            var ok = group.Where(t => t.Failure is null).ToList();
            var flags = group.SelectMany(t => t.Flags).Distinct().ToList();
            if (ok.Count == 0)
            {
                table.AddRow(Markup.Escape(group.Key.Scenario), Markup.Escape(group.Key.Target), "[red]failed[/]", "", "", "", "", "", "", Markup.Escape(string.Join(", ", flags)));
                continue;
            }
            if (ok.Any(t => t.Latency is null)) // cold starts: no load, the start-up and what it left in memory
            {
                table.AddRow(Markup.Escape(group.Key.Scenario), Markup.Escape(group.Key.Target), "", "", "",
                    $"idle {Format.Bytes((long)SampleMedian.Of(ok.Select(t => (double)(t.IdleRssBytes ?? 0))))}",
                    WithRange(ok.Select(t => t.StartupMs ?? double.NaN).ToList(), v => $"{v:0} ms"), "", "",
                    flags.Count == 0 ? "" : $"[yellow]{Markup.Escape(string.Join(", ", flags))}[/]");
                continue;
            }
            table.AddRow(
                Markup.Escape(group.Key.Scenario), Markup.Escape(group.Key.Target),
                WithRange(ok.Select(t => t.RequestsPerSecond!.Value).ToList(), v => $"{v:N0}"),
                RunConsole.Us(SampleMedian.Of(ok.Select(t => (double)t.Latency!.P50Us))),
                RunConsole.Us(SampleMedian.Of(ok.Select(t => (double)t.Latency!.P99Us))),
                Format.Bytes((long)SampleMedian.Of(ok.Select(t => (double)t.PeakRssBytes!.Value))),
                $"{SampleMedian.Of(ok.Select(t => t.StartupMs!.Value)):0} ms",
                ok.All(t => t.RequestsPerCpuSecond is not null) ? $"{SampleMedian.Of(ok.Select(t => t.RequestsPerCpuSecond!.Value)):N0}" : "n/a",
                $"{ok.Sum(t => t.Errors!.Total):N0}",
                flags.Count == 0 ? "" : $"[yellow]{Markup.Escape(string.Join(", ", flags))}[/]");
        }
        AnsiConsole.Write(table);
    }

    private static string WithRange(IReadOnlyList<double> values, Func<double, string> format) =>
        values.Count == 1 ? format(values[0]) : $"{format(SampleMedian.Of(values))} ({format(values.Min())}–{format(values.Max())})";

}
