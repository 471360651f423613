using System.Globalization;
using Bench.Core.Claims;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>
/// The verdict table: a line per claim (its estimate when it rests on one row), then, for claims with several
/// rows, one line per endpoint row (companions marked), each with its own verdict and reason.
/// </summary>
internal static class VerdictTable
{
    /// <summary>Writes the table and a tally line to <paramref name="console"/> (default: the terminal).</summary>
    public static void Print(IReadOnlyList<ClaimResult> results, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("claim").AddColumn("quote").AddColumn(new TableColumn("measured [[95 % bounds]]").RightAligned())
            .AddColumn("claimed").AddColumn("verdict").AddColumn(new TableColumn("n").RightAligned()).AddColumn("why");
        foreach (var claim in results)
        {
            var single = claim.Rows.Count(r => !r.Informational) == 1 ? claim.Rows.Single(r => !r.Informational) : null;
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(claim.Id)}[/]"),
                new Markup(Markup.Escape($"\"{claim.Quote}\"")),
                new Markup(single is null ? "" : Markup.Escape(Measured(single))),
                new Markup(Markup.Escape(claim.Claimed)),
                Colour(claim.Verdict),
                new Markup(single is null ? "" : Trials(single)),
                new Markup(Markup.Escape(claim.Reason)));
            if (single is not null && claim.Rows.Count == 1) continue;
            foreach (var row in claim.Rows)
                table.AddRow(
                    new Markup($"[dim]  {Markup.Escape(row.Scenario)}[/]"),
                    new Markup($"[dim]{Markup.Escape(Subject(row))}{(row.Informational ? " (beside, not counted)" : "")}[/]"),
                    new Markup(Markup.Escape(Measured(row))),
                    new Markup($"[dim]{Markup.Escape(row.Claimed)}[/]"),
                    Colour(row.Verdict),
                    new Markup(Trials(row)),
                    new Markup($"[dim]{Markup.Escape(row.Reason)}[/]"));
        }
        console.Write(table);
        var tally = results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Name(g.Key)}");
        console.WriteLine($"{results.Count} claims: {string.Join(", ", tally)}");
    }

    private static string Subject(EndpointResult row) =>
        row.Denominator is null ? $"{row.Numerator} {row.Metric.Name()}" : $"{row.Numerator}/{row.Denominator} {row.Metric.Name()}";

    private static string Measured(EndpointResult row)
    {
        if (row.Estimate is not { } estimate) return "";
        var unit = row.Denominator is null ? $" {row.Metric.Unit()}" : "×";
        return row.Lower is { } l && row.Upper is { } u ? $"{N(estimate)}{unit} [{N(l)}–{N(u)}]" : $"{N(estimate)}{unit}";
    }

    private static string Trials(EndpointResult row) => row.N == 0 ? "" : row.Denominator is null ? $"{row.N}" : $"{row.N}/{row.M}";

    private static string N(double v) => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);

    private static string Name(Verdict v) => v.ToString().ToLowerInvariant();

    private static Markup Colour(Verdict v) => new(v switch
    {
        Verdict.Confirmed => "[green]confirmed[/]",
        Verdict.Exceeded => "[blue]exceeded[/]",
        Verdict.Refuted => "[red]refuted[/]",
        Verdict.Inconclusive => "[yellow]inconclusive[/]",
        Verdict.Disturbed => "[magenta]disturbed[/]",
        Verdict.Untestable => "[grey]untestable[/]",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    });
}
