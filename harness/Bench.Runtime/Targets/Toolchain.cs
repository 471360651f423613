using Bench.Core;
using Bench.Core.Targets;

namespace Bench.Runtime.Targets;

/// <summary>Checks that the commands a target needs are on PATH before anything is started.</summary>
public static class Toolchain
{
    public static void Require(TargetManifest target)
    {
        var missing = target.Toolchain.Where(tool => Which(tool) is null).ToList();
        if (missing.Count > 0)
            throw new BenchException($"target {target.Name} needs {string.Join(", ", missing)} on PATH, which is missing: " +
                "run ./bench bootstrap (it installs toolchains from Debian's packages when needed), or install them yourself.");
    }

    public static string? Which(string tool)
    {
        if (tool.Contains('/')) return File.Exists(tool) ? tool : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
    }
}
