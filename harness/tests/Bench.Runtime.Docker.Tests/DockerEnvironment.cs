using System.Diagnostics;
using Bench.Core;

namespace Bench.Runtime.Docker.Tests;

/// <summary>
/// Gets a Docker engine for the tests the way ./bench does: scripts/docker/ensure-daemon.sh (installs
/// docker.io and starts dockerd on a machine without one), then scripts/docker/base-image.sh. Only when no
/// engine can be had are the Docker tests skipped, with the script's reason as the skip message.
/// </summary>
public static class DockerEnvironment
{
    private static readonly Lazy<(string? Skip, string? BaseImageError)> State = new(Probe);

    /// <summary>Why the Docker tests cannot run here, or null when an engine answers.</summary>
    public static string? SkipReason => State.Value.Skip;

    /// <summary>Fails the test (not skips it) when the engine runs but the base image could not be made.</summary>
    public static void RequireBaseImage()
    {
        if (State.Value.BaseImageError is { } error) throw new InvalidOperationException(error);
    }

    private static (string?, string?) Probe()
    {
        var (code, output) = Run("scripts/docker/ensure-daemon.sh");
        if (code != 0) return ($"no Docker engine can be started on this machine: {output.Trim()}", null);
        var (baseCode, baseOutput) = Run("scripts/docker/base-image.sh");
        return (null, baseCode == 0 ? null : $"scripts/docker/base-image.sh failed (exit {baseCode}): {baseOutput.Trim()}");
    }

    private static (int, string) Run(string script)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, script));
        psi.ArgumentList.Add("--quiet");
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                p.Kill(entireProcessTree: true);
                return (-1, $"{script} did not finish within 10 minutes");
            }
            return (p.ExitCode, stderr.Result + stdout.Result);
        }
        catch (Exception e)
        {
            return (-1, $"cannot run {script}: {e.Message}");
        }
    }
}

/// <summary>A fact that needs a Docker engine: skipped, with the reason, only where none can be started.</summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerEnvironment.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs a Docker engine: skipped, with the reason, only where none can be started.</summary>
public sealed class DockerTheoryAttribute : TheoryAttribute
{
    public DockerTheoryAttribute()
    {
        if (DockerEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
