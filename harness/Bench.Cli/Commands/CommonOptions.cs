using System.CommandLine;
using Bench.Core.Targets;

namespace Bench.Cli.Commands;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> DatabaseUrl() => new("--database-url")
    {
        Description = "use this PostgreSQL server (postgres://user:pass@host:port/db) instead of the embedded one; it is seeded, never dropped",
    };

    public static Argument<string[]> Targets(string description = "target names (default: all targets)") => new("targets")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static IReadOnlyList<TargetManifest> SelectTargets(string[]? names) => TargetCatalog.Load().Select(names);
}
