using System.Net;
using System.Net.Sockets;
using Bench.Core;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// Every malformed input file (scenarios, claims, target manifests) and every unusable environment setting (a
/// port in use, an unreachable --database-url, an unwritable --out) stops the real CLI before anything starts:
/// exit 2, one line naming file:line:column and the field (or the option), no build, no results folder, no
/// database cluster, no target process.
/// </summary>
public sealed class MalformedInputTests
{
    /// <summary>
    /// One case: files written into a fresh folder ({dir} in args and message), the command line, and the line
    /// expected on stderr. <paramref name="Root"/>: the CLI runs on a copy of the repository's manifests, scenarios
    /// and claims under {dir}/repo (BENCH_ROOT) with the files added there, so a broken target.yaml breaks only it.
    /// </summary>
    public sealed record Case(string[] Args, string Message, Dictionary<string, string>? Files = null, bool Root = false);

    private const string Scenario = "scenarios:\n  - name: s\n    request: { path: /json }\n";
    private const string Claims = "sources: { B: \"Article B\" }\nclaims:\n  - id: c\n    source: B\n    quote: q\n    parts:\n";
    private const string Part = "      - { metric: requestsPerSecond, scenarios: [json], numerator: rust-axum, denominator: go-nethttp, rule: greater }\n";
    private const string Manifest = "name: broken\nlanguage: Go\nframework: net/http\nbuild:\n  command: [bash, build.sh]\nrun:\n  command: [bin/broken]\n";

    private static readonly string[] Run = ["run", "--targets", "go-nethttp", "--out", "{dir}/out"];

    public static readonly Dictionary<string, Case> Cases = new()
    {
        // scenario files
        ["scenario: YAML syntax"] = new([.. Run, "--scenarios", "{dir}/s.yaml"], "{dir}/s.yaml:4:1: invalid YAML: ",
            new() { ["s.yaml"] = "scenarios:\n  - name: s\n    request: { path: /json\n" }),
        ["scenario: unknown key"] = new([.. Run, "--scenarios", "{dir}/s.yaml"], "{dir}/s.yaml:4:5: scenarios[0]: unknown key 'lod'; allowed: name, trials, claim, coverage, request, load.",
            new() { ["s.yaml"] = Scenario + "    lod: { connections: 8 }\n" }),
        ["scenario: wrong type"] = new([.. Run, "--scenarios", "{dir}/s.yaml"], "{dir}/s.yaml:4:26: scenarios[0] 's'.load.connections: 'many' is not a whole number in 1..10000.",
            new() { ["s.yaml"] = Scenario + "    load: { connections: many }\n" }),
        ["scenario: out of range"] = new([.. Run, "--scenarios", "{dir}/s.yaml"], "{dir}/s.yaml:4:23: scenarios[0] 's'.load.duration: must be positive (got 0s).",
            new() { ["s.yaml"] = Scenario + "    load: { duration: 0s }\n" }),
        ["scenario: unknown rate source"] = new([.. Run, "--scenarios", "{dir}/s.yaml"], "{dir}/s.yaml:2:5: scenario 'f' load.rateOf: takes its rate from scenario 'jsno', which is not selected",
            new() { ["s.yaml"] = "scenarios:\n  - name: f\n    request: { path: /json }\n    load: { model: open, rateOf: jsno }\n" }),
        ["scenario: missing file"] = new([.. Run, "--scenarios", "{dir}/missing.yaml"], "--scenarios: no scenario file at {dir}/missing.yaml: check the path"),
        ["scenario: unknown name"] = new([.. Run, "--scenarios", "jsno"], "no scenario file or scenario named 'jsno'"),

        // claims catalogs
        ["claims: YAML syntax"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:5:12: invalid YAML: ",
            new() { ["c.yaml"] = "sources: { B: \"Article B\" }\nclaims:\n  - id: c\n    source: B\n    quote: 'unclosed\n" }),
        ["claims: unknown key"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:3:5: claims[0]: unknown key 'ide'; allowed: id, source, quote, parts.",
            new() { ["c.yaml"] = Claims.Replace("- id: c", "- ide: c") + Part }),
        ["claims: wrong type"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:7:68: claims[0] 'c'.parts[0].numerator: must be a single value, not a list or mapping.",
            new() { ["c.yaml"] = Claims + Part.Replace("numerator: rust-axum", "numerator: [rust-axum]") }),
        ["claims: out of range"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:7:119: claims[0] 'c'.parts[0].rule.range: must be [min, max] with 0 < min < max.",
            new() { ["c.yaml"] = Claims + Part.Replace("rule: greater", "rule: { range: [3, 2] }") }),
        ["claims: unknown target"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:7:68: claims[0] 'c'.parts[0].numerator: unknown target 'rust-axm'; targets/ holds ",
            new() { ["c.yaml"] = Claims + Part.Replace("numerator: rust-axum", "numerator: rust-axm") }),
        ["claims: unknown scenario"] = new([.. Run, "--claims", "{dir}/c.yaml"], "{dir}/c.yaml:7:50: claims[0] 'c'.parts[0].scenarios[0]: unknown scenario 'jsno'; the scenario files define ",
            new() { ["c.yaml"] = Claims + Part.Replace("[json]", "[jsno]") }),
        ["claims: missing file"] = new([.. Run, "--claims", "{dir}/missing.yaml"], "no claims catalog at {dir}/missing.yaml: give the path of a claims YAML file"),

        // target manifests (every command reads them all: one broken manifest stops everything, naming it)
        ["manifest: YAML syntax"] = new([.. Run], "{dir}/repo/targets/broken/target.yaml:8:1: invalid YAML: ",
            new() { ["repo/targets/broken/target.yaml"] = Manifest.Replace("[bin/broken]", "[bin/broken") }, Root: true),
        ["manifest: unknown key"] = new([.. Run], "{dir}/repo/targets/broken/target.yaml:8:1: (top level): unknown key 'buidl'",
            new() { ["repo/targets/broken/target.yaml"] = Manifest + "buidl: x\n" }, Root: true),
        ["manifest: wrong type"] = new([.. Run], "{dir}/repo/targets/broken/target.yaml:5:12: build.command: must be a list.",
            new() { ["repo/targets/broken/target.yaml"] = Manifest.Replace("[bash, build.sh]", "bash build.sh") }, Root: true),
        ["manifest: missing field"] = new([.. Run], "{dir}/repo/targets/broken/target.yaml:1:1: (top level): 'language' is required.",
            new() { ["repo/targets/broken/target.yaml"] = Manifest.Replace("language: Go\n", "") }, Root: true),
        ["manifest: name is not its folder"] = new([.. Run], "{dir}/repo/targets/broken/target.yaml:1:7: name: 'brokn' must equal its folder name 'broken'.",
            new() { ["repo/targets/broken/target.yaml"] = Manifest.Replace("name: broken", "name: brokn") }, Root: true),
        ["target: unknown name"] = new(["run", "--targets", "go-nethtp", "--out", "{dir}/out"], "unknown target 'go-nethtp'. Known targets: "),

        // the environment
        ["--database-url unreachable (run)"] = new([.. Run, "--database-url", "postgres://u:secret@127.0.0.1:1/db"],
            "cannot reach the database at --database-url (postgres://u@127.0.0.1:1/db): Failed to connect to 127.0.0.1:1"),
        ["--database-url unreachable (serve)"] = new(["serve", "go-nethttp", "--database-url", "postgres://u:secret@127.0.0.1:1/db"],
            "cannot reach the database at --database-url (postgres://u@127.0.0.1:1/db): Failed to connect to 127.0.0.1:1"),
        ["--database-url unreachable (verify)"] = new(["verify", "go-nethttp", "--database-url", "postgres://u:secret@127.0.0.1:1/db"],
            "cannot reach the database at --database-url (postgres://u@127.0.0.1:1/db): Failed to connect to 127.0.0.1:1"),
        ["--database-url not a URL"] = new([.. Run, "--database-url", "localhost:5432"], "--database-url 'localhost:5432' is not a postgres:// URL"),
        ["--out under a file"] = new(["run", "--targets", "go-nethttp", "--out", "{dir}/file/out"], "--out {dir}/file/out: {dir}/file is a file, not a folder; choose another --out.",
            new() { ["file"] = "" }),
        ["--out not writable"] = new(["run", "--targets", "go-nethttp", "--out", "/proc/bench-out"], "--out /proc/bench-out is not writable"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [Trait("Category", "Integration")]
    [MemberData(nameof(CaseNames))]
    public async Task Stops_with_one_line_and_exit_2_before_anything_starts(string name)
    {
        var c = Cases[name];
        using var folder = new TempFolder("bench-bad");
        Directory.CreateDirectory(folder.Path);
        var environment = new Dictionary<string, string>();
        if (c.Root)
        {
            CopyRepository(Path.Combine(folder.Path, "repo"));
            environment["BENCH_ROOT"] = Path.Combine(folder.Path, "repo");
        }
        foreach (var (file, text) in c.Files ?? [])
        {
            var path = Path.Combine(folder.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        string Expand(string s) => s.Replace("{dir}", folder.Path);

        using var cli = new CliProcess(environment, c.Args.Select(Expand).ToArray());
        var code = await cli.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(code == 2, $"exit {code}; stderr: {cli.Stderr}");
        var lines = cli.Stderr.Trim().Split('\n');
        Assert.True(lines.Length == 1, $"one line expected: {cli.Stderr}");
        Assert.True(lines[0].StartsWith("bench: " + Expand(c.Message), StringComparison.Ordinal), $"expected: {Expand(c.Message)}\n  actual: {lines[0]}");
        Assert.DoesNotContain("built ", cli.Stderr + cli.Stdout);
        // nothing left: no results folder, no database cluster, no target process
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "out")), "a results folder was created");
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{cli.Pid}-*"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path, ".bench-write-probe-*"));
        Assert.Empty(TargetLeftovers.Under(RepoPaths.Targets, TargetLeftovers.RealServers));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_port_in_use_is_one_line_and_nothing_starts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cli = new CliProcess("serve", "go-nethttp", "--port", port.ToString());
        Assert.Equal(2, await cli.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal($"bench: port {port} on 127.0.0.1 is already in use: stop whatever listens there (ss -ltnp 'sport = :{port}') or choose another port.", cli.Stderr.Trim());
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"bench-pg-{cli.Pid}-*"));
        Assert.Empty(TargetLeftovers.Under(RepoPaths.Targets, TargetLeftovers.RealServers));
    }

    /// <summary>The files the CLI reads before anything starts: bench.sln, every target.yaml, scenarios/, claims/.</summary>
    private static void CopyRepository(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "bench.sln"), "");
        foreach (var manifest in Directory.EnumerateFiles(RepoPaths.Targets, "target.yaml", SearchOption.AllDirectories))
        {
            var to = Path.Combine(root, Path.GetRelativePath(RepoPaths.Root, manifest));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(manifest, to);
        }
        foreach (var folder in new[] { "scenarios", "claims" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.yaml"))
                File.Copy(file, Path.Combine(root, folder, Path.GetFileName(file)));
        }
    }
}
