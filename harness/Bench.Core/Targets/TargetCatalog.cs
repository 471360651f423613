using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bench.Core.Targets;

/// <summary>The targets found under targets/*/target.yaml, validated once.</summary>
public sealed class TargetCatalog
{
    private readonly Dictionary<string, TargetManifest> _byName;

    private TargetCatalog(IEnumerable<TargetManifest> manifests) =>
        _byName = manifests.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<TargetManifest> All => _byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public static TargetCatalog Load(string? targetsDir = null)
    {
        targetsDir ??= RepoPaths.Targets;
        var manifests = Directory.EnumerateDirectories(targetsDir)
            .Select(dir => Path.Combine(dir, "target.yaml"))
            .Where(File.Exists)
            .Select(LoadManifest)
            .ToList();
        return new TargetCatalog(manifests);
    }

    /// <summary>Resolves names given on the command line; none means every target.</summary>
    public IReadOnlyList<TargetManifest> Select(IEnumerable<string>? names)
    {
        var wanted = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (wanted.Count == 0) return All.ToList();
        return wanted.Select(Get).ToList();
    }

    public TargetManifest Get(string name) =>
        _byName.TryGetValue(name, out var m)
            ? m
            : throw new BenchException($"unknown target '{name}'. Known targets: {string.Join(", ", _byName.Keys.Order())}.");

    public static TargetManifest LoadManifest(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        ManifestFile file;
        try
        {
            file = Deserializer.Deserialize<ManifestFile>(File.ReadAllText(path)) ?? throw new BenchException($"{path} is empty.");
        }
        catch (YamlException e)
        {
            throw new BenchException($"{path}: invalid YAML at line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new BenchException($"{path}: '{field}' is required (see targets/CONTRACT.md).") : value;

        var name = Required(file.Name, "name");
        if (name != Path.GetFileName(dir))
            throw new BenchException($"{path}: name '{name}' must equal its folder name '{Path.GetFileName(dir)}'.");
        if (file.Build?.Command is not { Count: > 0 }) Required(null, "build.command");
        if (file.Run?.Command is not { Count: > 0 }) Required(null, "run.command");

        return new TargetManifest
        {
            Name = name,
            Language = Required(file.Language, "language"),
            LanguageVersion = file.LanguageVersion ?? "",
            Framework = Required(file.Framework, "framework"),
            FrameworkVersion = file.FrameworkVersion ?? "",
            VersionCommand = file.VersionCommand ?? [],
            Toolchain = file.Toolchain ?? [],
            Build = new CommandSpec { Command = file.Build!.Command!, Env = file.Build.Env ?? [], Artifact = file.Build.Artifact },
            Run = new CommandSpec { Command = file.Run!.Command!, Env = file.Run.Env ?? [] },
            Directory = dir,
        };
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    // The YAML shape; kept apart from TargetManifest so the model stays immutable and validated.
    private sealed class ManifestFile
    {
        public string? Name { get; set; }
        public string? Language { get; set; }
        public string? LanguageVersion { get; set; }
        public string? Framework { get; set; }
        public string? FrameworkVersion { get; set; }
        public List<string>? VersionCommand { get; set; }
        public List<string>? Toolchain { get; set; }
        public CommandFile? Build { get; set; }
        public CommandFile? Run { get; set; }
    }

    private sealed class CommandFile
    {
        public List<string>? Command { get; set; }
        public Dictionary<string, string>? Env { get; set; }
        public string? Artifact { get; set; }
    }
}
