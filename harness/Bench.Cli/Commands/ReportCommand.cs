using System.CommandLine;
using System.Text.Json;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Pipeline.Results;
using Bench.Report;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench report DIR`: the run's charts (DIR/charts/*.png, *.svg), report.md, report.html and report.csv, written into
/// DIR from its results.json and histograms; nothing is measured. `bench run` writes the same at its end.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "a results folder holding results.json (e.g. results/sample/local-catalog)" };
        var catalog = ClaimsCommand.CatalogOption();
        var cmd = new Command("report", "write a results folder's charts and report (report.md, report.html, report.csv)") { dir, catalog };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(_ =>
        {
            var folder = parse.GetValue(dir)!;
            if (!Directory.Exists(folder)) throw new BenchException($"no folder '{folder}': give a results folder, e.g. results/sample/local-catalog.");
            if (!File.Exists(Path.Combine(folder, ResultsStore.FileName)))
                throw new BenchException($"'{folder}' has no {ResultsStore.FileName}: give the folder a `bench run` wrote.");
            var claims = ClaimCatalogLoader.Load(parse.GetValue(catalog));
            Write(folder, claims);
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return cmd;
    }

    /// <summary>Writes the report and says where, in one line; a results.json that cannot be read is bad input.</summary>
    public static void Write(string folder, ClaimCatalog? claims)
    {
        ReportOutcome outcome;
        try
        {
            outcome = ReportWriter.Write(folder, claims);
        }
        catch (JsonException e)
        {
            throw new BenchException($"{Path.Combine(folder, ResultsStore.FileName)} is not a readable results.json ({e.Message}).", e);
        }
        Console.WriteLine($"report: {Path.Combine(folder, "report.html")}, report.md, report.csv and {outcome.Charts} charts " +
                          $"(PNG + SVG in {Path.Combine(folder, Charts.Chart.Folder)}) in {outcome.Elapsed.TotalSeconds:0.0} s");
    }
}
