namespace Bench.Core;

/// <summary>Finds the repository the harness runs from: targets/, scenarios/ and results/ hang off it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Targets => Path.Combine(Root, "targets");
    public static string Results => Path.Combine(Root, "results");

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("BENCH_ROOT");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "bench.sln"))) return fromEnv;
        // Walk up from the assembly (harness/Bench.Cli/bin/Release/net10.0) and from the working directory.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "bench.sln")) && Directory.Exists(Path.Combine(dir.FullName, "targets")))
                    return dir.FullName;
        }
        throw new BenchException("cannot find the bench repository (bench.sln + targets/): run bench from inside the repository or set BENCH_ROOT.");
    }
}
