namespace Bench.Report.Exporters;

/// <summary>Write-then-rename, as results.json is written: a reader (or a crash) finds the old file or the new one, never half of one.</summary>
public static class ReportFiles
{
    public static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        try
        {
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>UTF-8 without a byte-order mark, "\n" line ends: the same bytes on every machine.</summary>
    public static void Write(string path, string text) => Write(path, new System.Text.UTF8Encoding(false).GetBytes(text.ReplaceLineEndings("\n")));
}
