using Bench.Core.Yaml;

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

    private static readonly string[] ManifestKeys =
        ["name", "language", "languageVersion", "framework", "frameworkVersion", "versionCommand", "toolchain", "build", "run", "coverage"];
    private static readonly string[] BuildKeys = ["command", "env", "artifact"];
    private static readonly string[] RunKeys = ["command", "env"];

    /// <summary>Reads targets/&lt;name&gt;/target.yaml (format at the end of targets/CONTRACT.md) through <see cref="YamlReader"/>.</summary>
    public static TargetManifest LoadManifest(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var (y, root) = YamlReader.Load(path, p => $"no target manifest at {p} (see targets/CONTRACT.md).");
        var map = y.Mapping(root, "(top level)", ManifestKeys);
        string Text(string key) => y.Text(y.Required(map, root, key, "(top level)"), key);
        string Optional(string key) => YamlReader.Optional(map, key) is { } n ? y.Scalar(n, key) : "";
        IReadOnlyList<string> List(string key) => YamlReader.Optional(map, key) is { } n ? y.Names(n, key) : [];
        CommandSpec Command(string key, string[] allowed)
        {
            var node = y.Required(map, root, key, "(top level)");
            var section = y.Mapping(node, key, allowed);
            var commandNode = y.Required(section, node, "command", key);
            var command = y.Names(commandNode, $"{key}.command");
            if (command.Count == 0) throw y.Error(commandNode, $"{key}.command", "lists no command; give the program and its arguments, e.g. [bash, build.sh].");
            return new CommandSpec
            {
                Command = command,
                Env = YamlReader.Optional(section, "env") is { } env ? y.TextMap(env, $"{key}.env") : new Dictionary<string, string>(),
                Artifact = YamlReader.Optional(section, "artifact") is { } artifact ? y.Text(artifact, $"{key}.artifact") : null,
            };
        }

        var nameNode = y.Required(map, root, "name", "(top level)");
        var name = y.Text(nameNode, "name");
        if (name != Path.GetFileName(dir))
            throw y.Error(nameNode, "name", $"'{name}' must equal its folder name '{Path.GetFileName(dir)}'.");
        return new TargetManifest
        {
            Name = name,
            Language = Text("language"),
            LanguageVersion = Optional("languageVersion"),
            Framework = Text("framework"),
            FrameworkVersion = Optional("frameworkVersion"),
            VersionCommand = List("versionCommand"),
            Toolchain = List("toolchain"),
            Build = Command("build", BuildKeys),
            Run = Command("run", RunKeys),
            Directory = dir,
            Coverage = YamlReader.Optional(map, "coverage") is { } coverage
                ? y.OneOf(coverage, "coverage", "every", "claims") == "claims" ? Coverage.Claims : Coverage.Every
                : Coverage.Every,
        };
    }
}
