using System.CommandLine;
using Bench.Cli.Views;
using Bench.Compare.Comparing;
using Bench.Compare.Runs;
using Bench.Stats.Comparisons;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench compare BASELINE CURRENT`: every metric of every target under every scenario both runs measured, CURRENT
/// against BASELINE with 95 % bounds; prints what changed, writes compare.md, and exits 1 when a metric regressed
/// (the nightly job's gate).
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline") { Description = "the results folder to compare against (e.g. the last good nightly run)" };
        var current = new Argument<string>("current") { Description = "the results folder to judge" };
        var threshold = new Option<double>("--threshold")
        {
            Description = "practical threshold, a fraction: a change is called only when the whole 95 % interval lies beyond 1 ± it",
            DefaultValueFactory = _ => ChangeRules.DefaultThreshold,
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = $"metrics whose regression fails the command (exit 1), comma-separated (default: all of {string.Join(", ", ComparedMetrics.All.Select(m => Bench.Core.Claims.ClaimMetricUnits.Name(m)))})",
        };
        var outDir = new Option<string?>("--out") { Description = "folder for compare.md and charts/compare.png/.svg (default: CURRENT)" };
        var allowMachines = new Option<bool>("--allow-different-machines")
        {
            Description = "compare runs whose machine fingerprints (CPU, cores, memory, kernel, OS, host, runtime) differ; the differences are listed",
        };
        var cmd = new Command("compare", "compare two runs: CURRENT against BASELINE per scenario, target and metric; exit 1 on a regression")
        {
            baseline, current, threshold, failOn, outDir, allowMachines,
        };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(_ =>
        {
            // Every check (folders, schema, machine, settings, options) comes before compare.md is written.
            var failOnMetrics = ComparedMetrics.Parse(parse.GetValue(failOn), "--fail-on");
            var comparison = RunComparison.Of(RunFolder.Load(parse.GetValue(baseline)!), RunFolder.Load(parse.GetValue(current)!),
                new CompareOptions(parse.GetValue(threshold), parse.GetValue(allowMachines)));
            var folder = parse.GetValue(outDir) ?? comparison.Current.Path;
            var written = CompareReport.Write(comparison, failOnMetrics, folder);
            CompareTable.Print(comparison, failOnMetrics);
            Console.WriteLine($"written into {folder}: {string.Join(", ", written)}");
            return Task.FromResult(comparison.Regressions(failOnMetrics).Count > 0 ? ExitCodes.Failed : ExitCodes.Ok);
        }, ct));
        return cmd;
    }
}
