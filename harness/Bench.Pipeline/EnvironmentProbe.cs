using System.Diagnostics;
using System.Runtime.InteropServices;
using Bench.Core;
using Bench.Core.Targets;
using Bench.Pipeline.Results;

namespace Bench.Pipeline;

/// <summary>Reads the facts that make a result comparable (or not) with another: hardware, kernel, versions, commit.</summary>
public static class EnvironmentProbe
{
    public static async Task<EnvironmentInfo> ReadAsync(IReadOnlyList<TargetManifest> targets, string runtime, CancellationToken ct)
    {
        var versions = new Dictionary<string, TargetVersions>();
        foreach (var t in targets)
            versions[t.Name] = new TargetVersions(t.Language, t.LanguageVersion, t.Framework, t.FrameworkVersion,
                t.VersionCommand.Count == 0 ? "" : await OutputOfAsync(t.VersionCommand, t.Directory, ct) ?? "unknown");
        return new EnvironmentInfo
        {
            CpuModel = ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Cores = Environment.ProcessorCount,
            MemoryBytes = long.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? kb * 1024 : 0,
            Kernel = ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
            Os = RuntimeInformation.OSDescription,
            Hostname = Environment.MachineName,
            Runtime = runtime,
            HarnessCommit = await HarnessCommitAsync(ct),
            HarnessDotnet = RuntimeInformation.FrameworkDescription,
            Targets = versions,
        };
    }

    private static async Task<string> HarnessCommitAsync(CancellationToken ct)
    {
        var commit = await OutputOfAsync(["git", "rev-parse", "--short=12", "HEAD"], RepoPaths.Root, ct) ?? "unknown";
        var dirty = await OutputOfAsync(["git", "status", "--porcelain", "--untracked-files=no"], RepoPaths.Root, ct);
        return string.IsNullOrEmpty(dirty) ? commit : commit + "-dirty";
    }

    private static string? ProcField(string file, string key) =>
        File.Exists(file) ? File.ReadLines(file).Where(l => l.StartsWith(key)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault() : null;

    private static string? ReadTrimmed(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : null;

    private static async Task<string?> OutputOfAsync(IReadOnlyList<string> command, string dir, CancellationToken ct)
    {
        try
        {
            var psi = new ProcessStartInfo(command[0]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            return p.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // the tool is not installed: recorded as unknown, not fatal
        }
    }
}
