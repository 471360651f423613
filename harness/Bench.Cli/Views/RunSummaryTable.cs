using Bench.Pipeline.Machine;
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
        foreach (var group in trials.Where(t => t.Retried != true && t.Arm != NoiseArm.A2).GroupBy(t => (t.Scenario, t.Target)))
        {
            var ok = group.Where(t => t.Failure is null).ToList();
            var flags = group.SelectMany(t => t.Flags).Distinct().ToList();
            if (ok.Count == 0)
            {
                table.AddRow(Markup.Escape(group.Key.Scenario), Markup.Escape(group.Key.Target), "[red]failed[/]", "", "", "", "", "", "", Markup.Escape(string.Join(", ", flags)));
                continue;
            }
            table.AddRow(
                Markup.Escape(group.Key.Scenario), Markup.Escape(group.Key.Target),
                WithRange(ok.Select(t => t.RequestsPerSecond!.Value).ToList(), v => $"{v:N0}"),
                RunConsole.Us(Median(ok.Select(t => (double)t.Latency!.P50Us))),
                RunConsole.Us(Median(ok.Select(t => (double)t.Latency!.P99Us))),
                Format.Bytes((long)Median(ok.Select(t => (double)t.PeakRssBytes!.Value))),
                $"{Median(ok.Select(t => t.StartupMs!.Value)):0} ms",
                ok.All(t => t.RequestsPerCpuSecond is not null) ? $"{Median(ok.Select(t => t.RequestsPerCpuSecond!.Value)):N0}" : "n/a",
                $"{ok.Sum(t => t.Errors!.Total):N0}",
                flags.Count == 0 ? "" : $"[yellow]{Markup.Escape(string.Join(", ", flags))}[/]");
        }
        AnsiConsole.Write(table);
    }

    private static string WithRange(IReadOnlyList<double> values, Func<double, string> format) =>
        values.Count == 1 ? format(values[0]) : $"{format(Median(values))} ({format(values.Min())}–{format(values.Max())})";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
