namespace Bench.Testing;

/// <summary>
/// A folder path of one test's own under the temp folder, removed with everything in it on Dispose. The folder is
/// not created: code that makes its output folder itself (a run's --out) finds it missing, as on a first run.
/// </summary>
public sealed class TempFolder(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
