using System.CommandLine;
using Bench.Cli.Views;
using Bench.Core.Claims;

namespace Bench.Cli.Commands;

/// <summary>`bench claims`: the claims catalog, one row per claim with what it is measured as.</summary>
internal static class ClaimsCommand
{
    /// <summary>The claims catalog to judge or list: `--claims FILE` (`--catalog` too), the same on every command.</summary>
    public static Option<string?> CatalogOption() => new("--claims", "--catalog") { Description = "claims file (default: claims/claims.yaml)" };

    public static Command Create()
    {
        var catalog = CatalogOption();
        var cmd = new Command("claims", "list the articles' claims bench judges, with their metric and rule") { catalog };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(token =>
        {
            ClaimCatalogTable.Print(ClaimCatalogLoader.Load(parse.GetValue(catalog)));
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return cmd;
    }
}
