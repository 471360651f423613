using System.CommandLine;
using Bench.Cli.Views;
using Bench.Compare.History;
using Bench.Compare.Runs;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench history DIR...`: every metric of every target under every scenario over the runs, in time order, with the
/// change points E-divisive means finds; prints them and writes history.md.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "results folders, or folders of them (e.g. results/, or the nightly job's archive)",
            Arity = ArgumentArity.OneOrMore,
        };
        var outDir = new Option<string?>("--out") { Description = "folder for history.md and charts/history-*.png/.svg (default: the first DIR when it is a folder of runs, else the latest run's folder)" };
        var cmd = new Command("history", "each metric over the runs in time order, and where it changed (E-divisive means change points)") { dirs, outDir };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(_ =>
        {
            var given = parse.GetValue(dirs)!;
            var history = RunHistory.Of(given);
            var folder = parse.GetValue(outDir) ?? (RunFolder.IsRunFolder(given[0]) ? history.Runs[^1].Path : given[0]);
            var written = HistoryReport.Write(history, folder);
            HistoryTable.Print(history);
            Console.WriteLine($"written into {folder}: {string.Join(", ", written.Where(f => f.EndsWith(".md") || f.EndsWith(".png")))} (and the charts' SVGs)");
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return cmd;
    }
}
