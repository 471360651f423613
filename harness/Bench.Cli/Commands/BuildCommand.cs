using System.CommandLine;
using Bench.Runtime.Targets;

namespace Bench.Cli.Commands;

/// <summary>`bench build [targets...]`: builds targets through their manifests' build commands.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var targets = CommonOptions.Targets();
        var cmd = new Command("build", "build the targets (idempotent; fast when up to date)") { targets };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            foreach (var target in CommonOptions.SelectTargets(parse.GetValue(targets)))
            {
                Console.Error.Write($"building {target.Name}... ");
                var outcome = await TargetBuilder.BuildAsync(target, token);
                Console.Error.WriteLine($"{outcome.Elapsed.TotalSeconds:0.0} s, artifact {Format.Bytes(outcome.ArtifactBytes)}");
            }
            return ExitCodes.Ok;
        }, ct));
        return cmd;
    }
}
