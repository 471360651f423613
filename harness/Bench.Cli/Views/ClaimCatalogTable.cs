using Bench.Core.Claims;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>`bench claims`: one row per claim; a claim measured by several parts lists each part's relation.</summary>
internal static class ClaimCatalogTable
{
    public static void Print(ClaimCatalog catalog)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("id").AddColumn("source").AddColumn("quote").AddColumn("metric").AddColumn("rule (scenarios)");
        foreach (var claim in catalog.Claims)
            table.AddRow(
                Markup.Escape(claim.Id),
                Markup.Escape(claim.Source),
                Markup.Escape($"\"{claim.Quote}\""),
                Markup.Escape(string.Join(", ", claim.Parts.Select(p => p.Metric.Name()).Distinct())),
                Markup.Escape(string.Join("\n", claim.Parts.Select(p => $"{p.Describe()} ({string.Join(", ", p.Scenarios)}){(p.Untestable is null ? "" : " — not judged")}"))));
        AnsiConsole.Write(table);
        Console.WriteLine($"{catalog.Claims.Count} claims; format and needed scenarios: claims/README.md");
    }
}
