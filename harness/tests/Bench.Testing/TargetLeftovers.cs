namespace Bench.Testing;

/// <summary>
/// Target processes still running from one checkout's targets folder. Only that checkout's: another checkout
/// (another worktree, another helper's run) may have its own targets running on the same machine, and they
/// are not this run's leak. A process belongs to the folder when its working directory or its executable is
/// inside it: the local runtime starts every target in its own folder, and workers inherit that.
/// </summary>
public static class TargetLeftovers
{
    /// <summary>The command lines of the real targets' servers (targets/): the go binary, node's entry point.</summary>
    public static readonly string[] RealServers = ["bin/go-nethttp", "node server.js"];

    /// <summary>
    /// "pid: command line" of every process whose command line contains one of <paramref name="servers"/> and whose
    /// cwd or exe lies under <paramref name="targetsDirectory"/>.
    /// </summary>
    public static List<string> Under(string targetsDirectory, IReadOnlyList<string> servers)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(targetsDirectory)) + "/";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var cmd = Read(() => File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
            if (cmd is null || !servers.Any(cmd.Contains)) continue;
            var cwd = Read(() => new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget);
            var exe = Read(() => new FileInfo(Path.Combine(dir, "exe")).LinkTarget);
            if (cwd is not null && (cwd + "/").StartsWith(folder, StringComparison.Ordinal)
                || exe is not null && exe.StartsWith(folder, StringComparison.Ordinal))
                found.Add($"{pid}: {cmd}");
        }
        return found;
    }

    /// <summary>Null when the process is gone or not ours to read.</summary>
    private static string? Read(Func<string?> read)
    {
        try { return read(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
