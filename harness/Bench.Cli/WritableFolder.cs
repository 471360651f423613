using Bench.Core;

namespace Bench.Cli;

/// <summary>
/// Whether a results folder can be written, asked before anything is built or started and without leaving the
/// folder behind: an unwritable --out found after the first trial would lose it. The check writes a probe, as the
/// run will: permission bits alone do not tell (root ignores them; a read-only mount, /proc or a file in the path
/// refuse all the same).
/// </summary>
internal static class WritableFolder
{
    public static void Check(string dir, string option)
    {
        // The deepest part of the path that exists: the folder itself, or where the run will create it.
        var existing = dir;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new BenchException($"{option} {dir}: {existing} is a file, not a folder; choose another {option}.");
            existing = Path.GetDirectoryName(existing) ?? throw new BenchException($"{option} {dir} cannot be created; choose another {option}.");
        }
        var probe = Path.Combine(existing, $".bench-write-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            File.WriteAllText(Path.Combine(probe, "probe"), "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchException($"{option} {dir} is not writable ({e.Message.TrimEnd('.')}): choose a folder you may write to.", e);
        }
        finally
        {
            try { if (Directory.Exists(probe)) Directory.Delete(probe, recursive: true); } catch (IOException) { }
        }
    }
}
