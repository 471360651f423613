using System.Text.Json;
using Bench.Core;
using Bench.Pipeline.Results;

namespace Bench.Compare.Runs;

/// <summary>A results folder `bench run` wrote, and its results.json read.</summary>
public sealed record RunFolder(string Path, RunResults Run)
{
    /// <summary>Reads <paramref name="dir"/>/results.json; a missing folder or file, or an unreadable one, is the user's to fix (exit 2).</summary>
    public static RunFolder Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new BenchException($"no folder '{dir}': give a results folder, e.g. results/sample/local-catalog.");
        var path = System.IO.Path.Combine(dir, ResultsStore.FileName);
        if (!File.Exists(path)) throw new BenchException($"'{dir}' has no {ResultsStore.FileName}: give the folder a `bench run` wrote.");
        try
        {
            return new(dir, ResultsStore.Read(path));
        }
        catch (JsonException e)
        {
            throw new BenchException($"{path} is not a readable results.json ({e.Message}).", e);
        }
    }

    /// <summary>True when <paramref name="dir"/> is a results folder rather than a folder of them.</summary>
    public static bool IsRunFolder(string dir) => File.Exists(System.IO.Path.Combine(dir, ResultsStore.FileName));
}
