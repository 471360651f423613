using Bench.Core;

namespace Bench.Report.Tests;

/// <summary>The sample results folders (results/sample), copied where a test may write its report.</summary>
internal static class SampleRuns
{
    public const string Default = "local-default", Catalog = "local-catalog";

    public static string Path(string name) => System.IO.Path.Combine(RepoPaths.Results, "sample", name);

    /// <summary>A copy of the sample's results.json and histograms in <paramref name="into"/> (the samples stay as committed).</summary>
    public static string Copy(string name, string into)
    {
        Copy(new DirectoryInfo(Path(name)), into);
        return into;
    }

    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.GetFiles()) file.CopyTo(System.IO.Path.Combine(to, file.Name));
        foreach (var dir in from.GetDirectories()) Copy(dir, System.IO.Path.Combine(to, dir.Name));
    }
}
