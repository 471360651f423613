using Bench.Core.Scenarios;

namespace Bench.Core.Tests;

/// <summary>`--scenarios` against a temporary scenarios folder: default.yaml (a, b), extra.yaml (c, d), other.yaml (b again).</summary>
public sealed class ScenarioSelectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-scenarios-").FullName;

    public ScenarioSelectionTests()
    {
        Write("default", "a", "b");
        Write("extra", "c", "d");
        Write("other", "b", "e");
        File.WriteAllText(Path.Combine(_dir, "loose.yml"), "not a .yaml file, never read");
    }

    private void Write(string file, params string[] names) =>
        File.WriteAllText(Path.Combine(_dir, file + ".yaml"),
            "scenarios:\n" + string.Concat(names.Select(n => $"  - name: {n}\n    request: {{ path: /{n} }}\n")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(new string[0], "a b")]                            // nothing given: the default set
    [InlineData(new[] { "extra" }, "c d")]                        // a file name under the folder
    [InlineData(new[] { "d,c" }, "d c")]                          // scenario names, in the order given
    [InlineData(new[] { "e", "a" }, "e a")]                       // the option repeated
    [InlineData(new[] { " c , ,a " }, "c a")]                     // spaces and empty items ignored
    [InlineData(new[] { "default,a,default" }, "a b")]            // repeats dropped, first place kept
    [InlineData(new[] { "c,extra" }, "c d")]                      // a name, then its whole file: c once
    [InlineData(new[] { "default,extra" }, "a b c d")]
    public void Selects_files_and_names_in_order_without_repeats(string[] items, string expected) =>
        Assert.Equal(expected, string.Join(' ', ScenarioSelection.Load(items, _dir).Select(s => s.Name)));

    [Fact]
    public void A_path_selects_that_file_wherever_it_is()
    {
        var elsewhere = Path.Combine(Directory.CreateTempSubdirectory("bench-elsewhere-").FullName, "mine.yaml");
        try
        {
            File.WriteAllText(elsewhere, "scenarios:\n  - name: z\n    request: { path: /z }\n");
            Assert.Equal(["z", "c"], ScenarioSelection.Load([elsewhere + ",c"], _dir).Select(s => s.Name));
        }
        finally { Directory.Delete(Path.GetDirectoryName(elsewhere)!, recursive: true); }
    }

    [Theory]
    // unknown: one message that lists the files and the scenario names there are
    [InlineData("a,nope", "no scenario file or scenario named 'nope'", "default, extra, other", "a, b, c, d, e")]
    // a name two files define: both files named
    [InlineData("b", "scenario 'b' is defined in", "default.yaml and", "other.yaml")]
    // two files selected whole that share a name: results could not be told apart
    [InlineData("default,other", "scenario 'b' is selected from two files", "default.yaml", "other.yaml")]
    public void Fails_with_one_message_naming_what_exists(string items, string message, string names1, string names2)
    {
        var e = Assert.Throws<BenchException>(() => ScenarioSelection.Load([items], _dir));
        Assert.Contains(message, e.Message);
        Assert.Contains(names1, e.Message);
        Assert.Contains(names2, e.Message);
    }

    [Fact]
    public void A_broken_file_fails_a_name_lookup_with_its_own_location()
    {
        File.WriteAllText(Path.Combine(_dir, "broken.yaml"), "scenarios: [");
        var e = Assert.Throws<BenchException>(() => ScenarioSelection.Load(["c"], _dir));
        Assert.Contains("broken.yaml:2:1: invalid YAML", e.Message);
        // selecting by file does not read the others
        Assert.Equal(["c", "d"], ScenarioSelection.Load(["extra"], _dir).Select(s => s.Name));
    }
}
