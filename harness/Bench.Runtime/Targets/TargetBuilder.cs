using System.Diagnostics;
using Bench.Core;
using Bench.Core.Targets;

namespace Bench.Runtime.Targets;

/// <summary>Runs a target's build command (idempotent by contract) and reports how long it took.</summary>
public static class TargetBuilder
{
    public sealed record BuildOutcome(TargetManifest Target, TimeSpan Elapsed, long? ArtifactBytes);

    public static async Task<BuildOutcome> BuildAsync(TargetManifest target, CancellationToken ct = default)
    {
        Toolchain.Require(target);
        var sw = Stopwatch.StartNew();
        var psi = new ProcessStartInfo(target.Build.Command[0])
        {
            WorkingDirectory = target.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in target.Build.Command.Skip(1)) psi.ArgumentList.Add(arg);
        foreach (var (k, v) in target.Build.Env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new BenchException($"cannot start the build of {target.Name}.");
        var output = new Processes.OutputTail(60);
        p.OutputDataReceived += (_, e) => output.Add(e.Data);
        p.ErrorDataReceived += (_, e) => output.Add(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            await p.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        if (p.ExitCode != 0)
            throw new BenchException($"building {target.Name} failed (exit {p.ExitCode}; command '{string.Join(' ', target.Build.Command)}' in {target.Directory}):{Environment.NewLine}{output}");
        return new BuildOutcome(target, sw.Elapsed, ArtifactSize.Bytes(target.ArtifactPath));
    }
}

/// <summary>Size on disk of a target's build artifact: a binary, or a publish / node_modules folder.</summary>
public static class ArtifactSize
{
    /// <summary>
    /// A folder's files summed once each: symbolic links are skipped, and a file with several hard links counts
    /// once (the npm packages of bun and deno link their 100 MB runtime binary under two names).
    /// </summary>
    public static long? Bytes(string? path)
    {
        if (path is null) return null;
        if (File.Exists(path)) return new FileInfo(path).Length;
        if (!Directory.Exists(path)) return null;
        var seen = new HashSet<(ulong, ulong)>();
        return new DirectoryInfo(path).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => Processes.Native.FileIdentity(f.FullName) is not { Links: > 1 } id || seen.Add((id.Device, id.Inode)))
            .Sum(f => f.Length);
    }
}
