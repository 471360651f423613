using System.CommandLine;
using Bench.Cli;
using Bench.Cli.Commands;

// `bench` — one command per file under Commands/; each parses, calls into the libraries, prints.
// Piped into a file or CI log, tables would wrap at Spectre's default of 80 columns: give them room.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;
var root = new RootCommand("bench: benchmark equivalent HTTP servers and test the popular claims on your hardware")
{
    BuildCommand.Create(),
    LoadCommand.Create(),
    CalibrateCommand.Create(),
    VerifyCommand.Create(),
    ServeCommand.Create(),
    RunCommand.Create(),
    ClaimsCommand.Create(),
    VerdictsCommand.Create(),
    CompareCommand.Create(),
    HistoryCommand.Create(),
    ReportCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad input is exit code 2 everywhere in bench, with one line that says what to do.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"bench: {error.Message}");
    Console.Error.WriteLine("Run 'bench --help' (or 'bench <command> --help') for usage.");
    return ExitCodes.BadInput;
}
// Ctrl-C / SIGTERM are bench's own (Cleanup, CommandRunner): System.CommandLine would otherwise give the
// command 2 s to unwind and then return 130 under it, cutting short the stopping of containers and
// databases and the marking of results.json as interrupted.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
