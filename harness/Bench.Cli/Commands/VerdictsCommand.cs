using System.CommandLine;
using System.Text.Json;
using Bench.Cli.Views;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Pipeline.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Claims;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench verdicts DIR`: judges every catalog claim again from DIR/results.json (new rules or catalog, no
/// re-measuring) and prints the verdict table. Nothing is written.
/// </summary>
internal static class VerdictsCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "a results folder holding results.json (e.g. results/sample/local-default)" };
        var catalog = ClaimsCommand.CatalogOption();
        var noiseFloor = new Option<double?>("--noise-floor")
        {
            Description = "relative noise between identical trials, e.g. 0.07: the GT/EQ/POINT bands never go below it " +
                          "(default: the run's own A/A noise floor, noiseFloor.halfWidth in results.json; 0 when it has none)",
        };
        var cmd = new Command("verdicts", "judge the catalog's claims from an existing results.json") { dir, catalog, noiseFloor };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(token =>
        {
            var given = parse.GetValue(noiseFloor);
            if (given is < 0 or >= 1) throw new BenchException($"--noise-floor must be in [0, 1), a fraction such as 0.07 (got {given}).");
            var claims = ClaimCatalogLoader.Load(parse.GetValue(catalog));
            var run = Read(parse.GetValue(dir)!);
            // the run measured its own floor (A/A): differences within it are the machine's, never a verdict
            var floor = given ?? run.NoiseFloor?.HalfWidth ?? 0;
            var results = ClaimEvaluator.Evaluate(claims, ClaimInputs.Samples(run.Trials), ClaimInputs.Context(run, floor));
            Console.WriteLine($"run {run.RunId} ({run.Status}, {run.Environment.Runtime}, {run.Trials.Count} trials, " +
                              $"{ClaimInputs.TargetCores(run.Settings)} target core(s), noise floor {floor:0.###})");
            VerdictTable.Print(results);
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return cmd;
    }

    private static RunResults Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new BenchException($"no folder '{dir}': give a results folder, e.g. results/sample/local-default.");
        var path = Path.Combine(dir, ResultsStore.FileName);
        if (!File.Exists(path)) throw new BenchException($"'{dir}' has no {ResultsStore.FileName}: give the folder a `bench run` wrote.");
        try
        {
            return ResultsStore.Read(path);
        }
        catch (JsonException e)
        {
            throw new BenchException($"{path} is not a readable results.json ({e.Message}).", e);
        }
    }
}
