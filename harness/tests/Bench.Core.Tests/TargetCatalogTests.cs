using Bench.Core;
using Bench.Core.Targets;

namespace Bench.Core.Tests;

public sealed class TargetCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-catalog-").FullName;

    private const string Valid = """
        name: demo
        language: Rust
        framework: axum
        frameworkVersion: "0.7"
        toolchain: [cargo]
        build:
          command: [bash, build.sh]
          artifact: target/release/demo
        run:
          command: [target/release/demo]
          env:
            RUST_LOG: warn
        """;

    private string Write(string folder, string yaml)
    {
        Directory.CreateDirectory(Path.Combine(_dir, folder));
        var path = Path.Combine(_dir, folder, "target.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Reads_every_field_of_a_manifest()
    {
        var m = TargetCatalog.LoadManifest(Write("demo", Valid));
        Assert.Equal("demo", m.Name);
        Assert.Equal("0.7", m.FrameworkVersion);
        Assert.Equal(["cargo"], m.Toolchain);
        Assert.Equal(["bash", "build.sh"], m.Build.Command);
        Assert.Equal(Path.Combine(_dir, "demo", "target/release/demo"), m.ArtifactPath);
        Assert.Equal("warn", m.Run.Env["RUST_LOG"]);
    }

    [Theory]
    [InlineData("language: Rust\n", "", ":1:1: (top level): 'language' is required")]
    [InlineData("  command: [bash, build.sh]\n", "  command: []\n", ":7:12: build.command: lists no command")]
    [InlineData("  command: [target/release/demo]\n", "", ":10:3: run: 'command' is required")]
    [InlineData("toolchain: [cargo]\n", "toolchain: cargo\n", ":5:12: toolchain: must be a list")]
    [InlineData("toolchain: [cargo]\n", "toolchain: [cargo]\ncoverage: some\n", ":6:11: coverage: ")]
    [InlineData("    RUST_LOG: warn\n", "    RUST_LOG: [warn]\n", ":12:15: run.env.RUST_LOG: must be a single value")]
    [InlineData("  artifact: target/release/demo\n", "  artifact: target/release/demo\n  artefact: x\n", ":9:3: build: unknown key 'artefact'; allowed: command, env, artifact")]
    public void A_missing_or_malformed_field_is_named_with_its_line(string line, string replacement, string message)
    {
        var path = Write("demo", (Valid + "\n").Replace(line, replacement));
        var e = Assert.Throws<BenchException>(() => TargetCatalog.LoadManifest(path));
        Assert.StartsWith(path + message, e.Message);
    }

    [Fact]
    public void Name_must_match_the_folder() =>
        Assert.Contains("folder name", Assert.Throws<BenchException>(() => TargetCatalog.LoadManifest(Write("other", Valid))).Message);

    [Fact]
    public void Invalid_yaml_and_unknown_fields_are_reported_with_the_file()
    {
        var path = Write("demo", Valid + "\nbuidl: typo\n");
        var e = Assert.Throws<BenchException>(() => TargetCatalog.LoadManifest(path));
        Assert.True(e.Message.StartsWith($"{path}:13:1: (top level): unknown key 'buidl'"), e.Message);
        path = Write("demo", Valid.Replace("[cargo]", "[cargo"));
        e = Assert.Throws<BenchException>(() => TargetCatalog.LoadManifest(path));
        Assert.True(e.Message.StartsWith($"{path}:"), e.Message);
        Assert.Contains("invalid YAML", e.Message);
    }

    [Fact]
    public void Unknown_target_names_list_the_known_ones()
    {
        Write("demo", Valid);
        var e = Assert.Throws<BenchException>(() => TargetCatalog.Load(_dir).Select(["demo,nope"]));
        Assert.Contains("unknown target 'nope'", e.Message);
        Assert.Contains("demo", e.Message);
    }

    [Fact]
    public void The_repository_holds_the_four_reference_targets_and_the_cluster_variant()
    {
        var names = TargetCatalog.Load().All.Select(t => t.Name).ToList();
        Assert.Superset(new HashSet<string> { "rust-axum", "go-nethttp", "node-fastify", "node-fastify-cluster", "aspnet-minimal" }, names.ToHashSet());
    }

    [Fact]
    public void The_reference_targets_cover_every_scenario_and_the_stacks_added_for_their_claims_only_those_claims_read()
    {
        var coverage = TargetCatalog.Load().All.ToDictionary(t => t.Name, t => t.Coverage);
        Assert.All(new[] { "rust-axum", "go-nethttp", "node-fastify", "node-fastify-cluster", "aspnet-minimal" },
            t => Assert.Equal(Coverage.Every, coverage[t]));
        Assert.All(new[] { "bun", "deno", "python-fastapi", "java" }, t => Assert.Equal(Coverage.Claims, coverage[t]));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
