using System.Diagnostics;
using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Runtime.Tests;

public sealed class ArtifactSizeTests
{
    [Fact]
    public void A_file_with_two_hard_links_counts_once_and_a_symbolic_link_not_at_all()
    {
        using var dir = NewFolder();
        File.WriteAllBytes(Path.Combine(dir.Path, "runtime"), new byte[1000]);
        File.WriteAllBytes(Path.Combine(dir.Path, "app.js"), new byte[10]);
        Directory.CreateDirectory(Path.Combine(dir.Path, "bin"));
        HardLink(Path.Combine(dir.Path, "runtime"), Path.Combine(dir.Path, "bin", "runtime-alias"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "bin", "runtime-symlink"), Path.Combine(dir.Path, "runtime"));

        Assert.Equal(1010, ArtifactSize.Bytes(dir.Path));
    }

    [Fact]
    public void Distinct_files_of_equal_size_all_count()
    {
        using var dir = NewFolder();
        for (var i = 0; i < 3; i++) File.WriteAllBytes(Path.Combine(dir.Path, $"f{i}"), new byte[100]);

        Assert.Equal(300, ArtifactSize.Bytes(dir.Path));
    }

    [Fact]
    public void A_single_file_is_its_length_and_a_missing_path_is_null()
    {
        using var dir = NewFolder();
        var file = Path.Combine(dir.Path, "binary");
        File.WriteAllBytes(file, new byte[42]);

        Assert.Equal(42, ArtifactSize.Bytes(file));
        Assert.Null(ArtifactSize.Bytes(Path.Combine(dir.Path, "missing")));
    }

    private static TempFolder NewFolder()
    {
        var folder = new TempFolder("artifact-size");
        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    private static void HardLink(string target, string name)
    {
        using var p = Process.Start("ln", [target, name]);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
