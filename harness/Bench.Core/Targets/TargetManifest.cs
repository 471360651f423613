namespace Bench.Core.Targets;

/// <summary>
/// What the harness knows about a target: everything comes from targets/&lt;name&gt;/target.yaml
/// (format in targets/CONTRACT.md), so adding a target needs no harness change.
/// </summary>
public sealed record TargetManifest
{
    public required string Name { get; init; }
    public required string Language { get; init; }
    public string LanguageVersion { get; init; } = "";
    public required string Framework { get; init; }
    public string FrameworkVersion { get; init; } = "";
    /// <summary>Prints the toolchain version; recorded with every run.</summary>
    public IReadOnlyList<string> VersionCommand { get; init; } = [];
    /// <summary>Commands that must be on PATH to build and run the target.</summary>
    public IReadOnlyList<string> Toolchain { get; init; } = [];
    public required CommandSpec Build { get; init; }
    public required CommandSpec Run { get; init; }
    /// <summary>Absolute path of the folder holding target.yaml.</summary>
    public required string Directory { get; init; }
    /// <summary>Which scenarios a run without --quick measures the target on (target.yaml <c>coverage</c>).</summary>
    public Coverage Coverage { get; init; } = Coverage.Every;

    /// <summary>Absolute path of the build artifact (binary or folder) whose size is reported.</summary>
    public string? ArtifactPath => Build.Artifact is null ? null : Path.GetFullPath(Path.Combine(Directory, Build.Artifact));
}


public sealed record CommandSpec
{
    public required IReadOnlyList<string> Command { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    /// <summary>Build only: the file or folder the build produces.</summary>
    public string? Artifact { get; init; }
}
