using System.CommandLine;
using Bench.Conformance;
using Bench.Conformance.Checks;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;
using Spectre.Console;

namespace Bench.Cli.Commands;

/// <summary>`bench verify [targets...]`: builds and starts each target and checks every rule of the contract.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var targets = CommonOptions.Targets();
        var databaseUrl = CommonOptions.DatabaseUrl();
        var cmd = new Command("verify", "check every target against targets/CONTRACT.md (exit 1 if any check fails)") { targets, databaseUrl };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var selected = CommonOptions.SelectTargets(parse.GetValue(targets));
            await DatabaseProvisioner.CheckReachableAsync(parse.GetValue(databaseUrl), token);
            foreach (var target in selected) Toolchain.Require(target);
            foreach (var target in selected)
            {
                Console.Error.WriteLine($"building {target.Name}...");
                await TargetBuilder.BuildAsync(target, token);
            }

            await using var db = await DatabaseProvisioner.StartAsync(parse.GetValue(databaseUrl), ct: token);
            await using var runtime = new LocalRuntime();
            var results = new Dictionary<string, IReadOnlyList<CheckResult>>();
            foreach (var target in selected)
            {
                var launch = new TargetLaunch { Target = target, DatabaseUrl = db.Url, JwtSecret = Secrets.NewJwtSecret() };
                Console.Error.WriteLine($"verifying {target.Name}...");
                await using var running = await runtime.StartAsync(launch, token);
                using var context = new CheckContext(running.BaseUri, launch.JwtSecret, db.ConnectionString);
                results[target.Name] = await ConformanceSuite.RunAsync(context, ct: token);
            }
            Print(results);
            return results.Values.All(r => r.All(c => c.Passed)) ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return cmd;
    }

    private static void Print(Dictionary<string, IReadOnlyList<CheckResult>> results)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("check").NoWrap()).AddColumn(new TableColumn("endpoint").NoWrap());
        foreach (var target in results.Keys) table.AddColumn(new TableColumn(target).Centered().NoWrap());
        foreach (var check in ConformanceSuite.Checks)
        {
            var cells = new List<string> { Markup.Escape(check.Id), Markup.Escape(check.Endpoint) };
            cells.AddRange(results.Values.Select(r => r.Single(x => x.Check == check).Passed ? "[green]pass[/]" : "[red]FAIL[/]"));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var (target, checks) in results)
            foreach (var failed in checks.Where(c => !c.Passed))
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(target)}[/] {Markup.Escape(failed.Check.Id)}: {Markup.Escape(failed.Failure!)}");
        var failures = results.Values.Sum(r => r.Count(c => !c.Passed));
        AnsiConsole.MarkupLine(failures == 0
            ? $"[green]all {results.Count} target(s) conform ({ConformanceSuite.Checks.Count} checks each)[/]"
            : $"[red]{failures} check(s) failed[/]");
    }
}
