using System.CommandLine;
using Bench.Cli.Views;
using Bench.Compare.Runs;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Pipeline.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Claims;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench verdicts DIR`: judges every catalog claim again from DIR/results.json (new rules or catalog, no
/// re-measuring) and prints the verdict table; `--write` also replaces the file's `claims[]` (atomically), which
/// is otherwise never touched.
/// </summary>
internal static class VerdictsCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "a results folder holding results.json (e.g. results/sample/local-default)" };
        var catalog = ClaimsCommand.CatalogOption();
        var noiseFloor = new Option<double?>("--noise-floor")
        {
            Description = "relative noise between identical trials, e.g. 0.07 (1.3 when arms differed 2.3×): edges a ratio must pass move " +
                          "outward by 1 + it, and a band narrower than it confirms nothing inside it (claims/README.md) " +
                          "(default: the run's own A/A noise floor, noiseFloor.halfWidth in results.json; 0 when it has none)",
        };
        var write = new Option<bool>("--write")
        {
            Description = "store the verdicts in DIR/results.json (claims[], claimsNoiseFloor; a version-2 file becomes version 3); complete runs only",
        };
        var cmd = new Command("verdicts", "judge the catalog's claims from an existing results.json") { dir, catalog, noiseFloor, write };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(token =>
        {
            var given = parse.GetValue(noiseFloor);
            if (given is { } g && !(g >= 0 && double.IsFinite(g)))
                throw new BenchException($"--noise-floor must be at least 0, a fraction such as 0.07 (got {given}).");
            var claims = ClaimCatalogLoader.Load(parse.GetValue(catalog));
            var folder = RunFolder.Load(parse.GetValue(dir)!);
            var (path, run) = (Path.Combine(folder.Path, ResultsStore.FileName), folder.Run);
            if (parse.GetValue(write)) Writable(run, path);
            var judged = ResultsStore.WithClaims(run, claims, given);
            Console.WriteLine($"run {run.RunId} ({run.Status}, {run.Environment.Runtime}, {run.Trials.Count} trials, " +
                              $"{ClaimInputs.TargetCores(run.Settings)} target core(s), noise floor {judged.ClaimsNoiseFloor:0.###})");
            if (run.Status != RunStatus.Complete)
                Console.WriteLine($"this run is {run.Status}: the verdicts rest on the trials it finished, and its last rounds may favour the targets that ran");
            if (parse.GetValue(write))
            {
                // version 3 is version 2 with claims[]: adding them is all it takes
                ResultsStore.StoreClaims(path, judged);
                Console.WriteLine($"claims[] written to {path}");
            }
            VerdictTable.Print(judged.Claims!);
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return cmd;
    }

    /// <summary>
    /// Only a complete run's file gets claims (as `bench run` gives them), and only a version whose other fields
    /// version 3 reads the same: 2 and 3. Older files are re-recorded, not patched.
    /// </summary>
    private static void Writable(RunResults run, string path)
    {
        if (run.Status != RunStatus.Complete)
            throw new BenchException($"{path} is a run that is {run.Status}: --write stores claims for complete runs only (print them without --write).");
        if (run.SchemaVersion is not (2 or RunResults.CurrentSchemaVersion))
            throw new BenchException($"{path} is schema version {run.SchemaVersion}: --write updates versions 2 and {RunResults.CurrentSchemaVersion} only; re-record the run.");
    }
}
