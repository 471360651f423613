using Bench.Core.Claims;

namespace Bench.Core.Tests;

public sealed class ClaimCatalogLoaderTests
{
    [Fact]
    public void The_catalog_holds_every_claim_of_the_issue_with_its_source_and_rule()
    {
        var catalog = ClaimCatalogLoader.Load();
        Assert.Equal(
            ["rust-go-2-3x", "rust-node-5-10x", "go-node-2-3x", "rust-go-70pct", "rust-node-jwt-db-half", "order-rust-go-node", "node-cpu-io",
             "io-bound-parity", "go-massive-concurrency", "go-gc-spikes", "gc-pauses", "rust-no-gc-pause", "sub-ms", "memory-footprint",
             "container-startup", "binary-size", "aspnet-competitive", "bun-go-competitive", "rust-cpu-ram-efficiency", "node-cluster",
             "fastapi-node", "jvm-startup", "jvm-memory"],
            catalog.Claims.Select(c => c.Id));
        var first = catalog.Claims[0];
        Assert.Equal("Node.js vs. Go vs. Rust: Which Backend Language Dominates in 2026?", first.Source);
        Assert.Equal("Often 2-3x faster than Go", first.Quote);
        var part = Assert.Single(first.Parts);
        Assert.Equal((ClaimMetric.RequestsPerSecond, "rust-axum", "go-nethttp"), (part.Metric, part.Numerator, part.Denominator));
        Assert.Equal(["plaintext", "json", "json-process"], part.Scenarios);
        Assert.Equal(new RangeRule(2, 3), part.Rule);
        Assert.Equal("Memory footprint | Very low, predictable | Go: low; Node: moderate, variable", catalog.Claims.Single(c => c.Id == "memory-footprint").Quote);
        Assert.Equal(new AbsoluteRule(Comparison.Below, 1), catalog.Claims.Single(c => c.Id == "sub-ms").Parts[0].Rule);
        Assert.Equal(new AtLeastRule(0.7, true, 2), catalog.Claims.Single(c => c.Id == "node-cluster").Parts[0].Rule);
        var bun = Assert.Single(catalog.Claims.Single(c => c.Id == "bun-go-competitive").Parts);
        Assert.Equal(("bun", "go-nethttp", new AtLeastRule(0.8, false, 1)), (bun.Numerator, bun.Denominator, bun.Rule));
        Assert.Equal(["json", "json-process", "db", "profile"], bun.Scenarios);
        Assert.Equal(["node-fastify-cluster"], catalog.Companions["node-fastify"]);
        var fastapi = Assert.Single(catalog.Claims.Single(c => c.Id == "fastapi-node").Parts);
        Assert.Equal((ClaimMetric.RequestsPerSecond, "python-fastapi", "node-fastify"), (fastapi.Metric, fastapi.Numerator, fastapi.Denominator));
        Assert.Equal(["json", "json-process", "db", "profile"], fastapi.Scenarios);
        Assert.Equal(new AtLeastRule(0.8, false, 1), fastapi.Rule);
        Assert.Equal([("java", "go-nethttp"), ("java", "node-fastify")],
            catalog.Claims.Single(c => c.Id == "jvm-startup").Parts.Select(p => (p.Numerator, p.Denominator)));
        Assert.Equal([ClaimMetric.IdleMemory, ClaimMetric.PeakMemory], catalog.Claims.Single(c => c.Id == "jvm-memory").Parts.Select(p => p.Metric));
    }

    [Fact]
    public void Every_target_and_scenario_the_catalog_names_exists() =>
        ClaimCatalogLoader.Load(known: new ClaimCatalogLoader.KnownNames(
            Targets.TargetCatalog.Load().All.Select(t => t.Name).ToList(), Scenarios.ScenarioSelection.DefinedNames()));

    private const string Misspelt = """
        sources: { B: "B" }
        companions: { node-fastify: [node-fastify-cluster] }
        claims:
          - id: ok
            source: B
            quote: q
            parts: [{ metric: requestsPerSecond, scenarios: [json], numerator: rust-axum, denominator: go-nethttp, rule: greater }]
          - id: typo
            source: B
            quote: q
            parts: [{ metric: p99, scenarios: [jsno], target: rust-axm, rule: { below: 1, unit: ms } }]
        """;

    [Theory]
    [InlineData(new[] { "go-nethttp", "node-fastify", "node-fastify-cluster", "rust-axum" }, new[] { "json", "jsno" },
        "c.yaml:11:55: claims[1] 'typo'.parts[0].target: unknown target 'rust-axm'; targets/ holds go-nethttp, node-fastify, node-fastify-cluster, rust-axum.")]
    [InlineData(new[] { "go-nethttp", "node-fastify", "rust-axum", "rust-axm" }, new[] { "json", "jsno" },
        "c.yaml:2:30: companions.node-fastify[0]: unknown target 'node-fastify-cluster'")]
    [InlineData(new[] { "go-nethttp", "node-fastify", "node-fastify-cluster", "rust-axum", "rust-axm" }, new[] { "json" },
        "c.yaml:11:40: claims[1] 'typo'.parts[0].scenarios[0]: unknown scenario 'jsno'; the scenario files define json.")]
    public void A_misspelt_target_or_scenario_is_named_at_its_line(string[] targets, string[] scenarios, string message)
    {
        var e = Assert.Throws<BenchException>(() => ClaimCatalogLoader.Parse(Misspelt, "c.yaml", new ClaimCatalogLoader.KnownNames(targets, scenarios)));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void The_noise_floor_target_reads_back_and_a_misspelt_one_is_named_at_its_line()
    {
        const string yaml = "sources: { B: \"B\" }\nnoiseFloorTarget: go-nethtp\nclaims:\n  - id: ok\n    source: B\n    quote: q\n" +
                            "    parts: [{ metric: requestsPerSecond, scenarios: [json], numerator: rust-axum, denominator: go-nethttp, rule: greater }]\n";
        var known = new ClaimCatalogLoader.KnownNames(["go-nethttp", "rust-axum"], ["json"]);
        var e = Assert.Throws<BenchException>(() => ClaimCatalogLoader.Parse(yaml, "c.yaml", known));
        Assert.StartsWith("c.yaml:2:19: noiseFloorTarget: unknown target 'go-nethtp'", e.Message);
        Assert.Equal("go-nethttp", ClaimCatalogLoader.Parse(yaml.Replace("go-nethtp\n", "go-nethttp\n"), "c.yaml", known).NoiseFloorTarget);
        Assert.Null(ClaimCatalogLoader.Parse(yaml.Replace("noiseFloorTarget: go-nethtp\n", ""), "c.yaml", known).NoiseFloorTarget);
        // the shipped catalog's: a compiled target with no JIT, whose arms differ by what the machine does
        Assert.Equal("go-nethttp", ClaimCatalogLoader.Load().NoiseFloorTarget);
    }

    private const string Header = """
        sources:
          B: "Node.js vs. Go vs. Rust"
        claims:
          - id: c1
            source: B
            quote: "Often 2-3x faster than Go"
            parts:
              - metric: requestsPerSecond
                scenarios: [plaintext]

        """; // lines 1-9; the lines under test start at line 10

    [Fact]
    public void A_minimal_ratio_and_an_absolute_part_read_back()
    {
        var catalog = ClaimCatalogLoader.Parse(Header + """
                    numerator: rust-axum
                    denominator: go-nethttp
                    rule: greater
                  - metric: p99
                    scenarios: [fixed-rate-json]
                    target: rust-axum
                    rule: { atMost: 1.5, unit: ms }
            """, "test.yaml");
        var parts = catalog.Claims.Single().Parts;
        Assert.Equal("Node.js vs. Go vs. Rust", catalog.Claims.Single().Source);
        Assert.IsType<GreaterRule>(parts[0].Rule);
        Assert.Equal(new AbsoluteRule(Comparison.AtMost, 1.5), parts[1].Rule);
        Assert.True(parts[1].IsAbsolute);
        Assert.Equal("rust-axum p99 ≤ 1.5 ms", parts[1].Describe());
    }

    [Theory]
    // The message names file:line:column and the field; the YAML under test starts at line 10.
    [InlineData("        numerator: a\n        denominator: b\n        rule: greater\n        colour: red", "test.yaml:13:9: claims[0] 'c1'.parts[0]: unknown key 'colour'")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { range: [3, 2] }", "test.yaml:12:24: claims[0] 'c1'.parts[0].rule.range: must be [min, max] with 0 < min < max")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { range: [2, x] }", "test.yaml:12:28: claims[0] 'c1'.parts[0].rule.range[1]: 'x' is not a number")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: faster", "test.yaml:12:15: claims[0] 'c1'.parts[0].rule: unknown rule 'faster'")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { atMost: 3 }", "test.yaml:12:17: claims[0] 'c1'.parts[0].rule: unknown key 'atMost'")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { point: 1.7, range: [1, 2] }", "names 2 rules (point, range)")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { greater: 1 }", "test.yaml:12:26: claims[0] 'c1'.parts[0].rule.greater: takes no value")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { point: 1.7, perTargetCore: true }", "belong to 'atLeast' only")]
    [InlineData("        numerator: a\n        rule: greater", "test.yaml:8:9: claims[0] 'c1'.parts[0]: 'numerator' and 'denominator' are required")]
    [InlineData("        target: a\n        numerator: b\n        denominator: c\n        rule: greater", "give either 'target'")]
    [InlineData("        target: a\n        rule: { below: 1, unit: s }", "test.yaml:11:33: claims[0] 'c1'.parts[0].rule.unit: requestsPerSecond is measured in req/s, not s")]
    [InlineData("        target: a\n        rule: { below: 1 }", "claims[0] 'c1'.parts[0].rule: 'unit' is required")]
    [InlineData("        target: a\n        rule: equal", "unknown rule 'equal'; an absolute rule (with 'target') is one of: below, atMost, atLeast, above")]
    [InlineData("        numerator: a\n        denominator: b", "claims[0] 'c1'.parts[0]: 'rule' is required")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { atLeast: 0.7, perTargetCore: yes }", "perTargetCore: 'yes' is not true or false")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: { atLeast: 0.7, minTargetCores: 0 }", "minTargetCores: '0' is not a whole number")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: greater\n        runtime: podman", "test.yaml:13:18: claims[0] 'c1'.parts[0].runtime: must be 'local' or 'docker'")]
    [InlineData("        numerator: [a]\n        denominator: b\n        rule: greater", "test.yaml:10:20: claims[0] 'c1'.parts[0].numerator: must be a single value")]
    [InlineData("        numerator: a\n        denominator: b\n        rule: greater\n  - id: c1\n    source: B\n    quote: q\n    parts:\n      - { metric: p99, target: a, rule: { below: 1, unit: ms }, scenarios: [s] }", "test.yaml:13:9: claims[1] 'c1'.id: 'c1' is used twice")]
    public void Bad_parts_fail_with_file_line_and_field(string yaml, string message)
    {
        var e = Assert.Throws<BenchException>(() => ClaimCatalogLoader.Parse(Header + yaml, "test.yaml"));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("sources: { B: x }\nclaims: []\nextra: 1", "test.yaml:3:1: (top level): unknown key 'extra'")]
    [InlineData("sources: { B: x }\nclaims: []", "test.yaml:2:9: claims: lists no claim")]
    [InlineData("claims: []", "test.yaml:1:1: (top level): 'sources' is required")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    source: Z\n    quote: q\n    parts: []", "test.yaml:4:13: claims[0] 'a'.source: 'Z' is not one of the sources (B)")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    source: B\n    parts: []", "test.yaml:3:5: claims[0] 'a': 'quote' is required")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    source: B\n    quote: q\n    parts: []", "test.yaml:6:12: claims[0] 'a'.parts: lists no part")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    source: B\n    quote: q\n    parts:\n      - { metric: p9999, target: t, scenarios: [s], rule: { below: 1, unit: ms } }",
        "test.yaml:7:19: claims[0] 'a'.parts[0].metric: unknown metric 'p9999'; known: requestsPerSecond, meanLatency")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    source: B\n    quote: q\n    parts:\n      - { metric: p99, target: t, scenarios: s, rule: { below: 1, unit: ms } }",
        "test.yaml:7:46: claims[0] 'a'.parts[0].scenarios: must be a list")]
    [InlineData("sources: { B: x }\nclaims:\n  - id: a\n    quote: 'unclosed", "test.yaml:4:12: invalid YAML")]
    [InlineData("", "test.yaml:1:1: the file is empty")]
    public void Bad_catalogs_fail_with_file_line_and_field(string yaml, string message)
    {
        var e = Assert.Throws<BenchException>(() => ClaimCatalogLoader.Parse(yaml, "test.yaml"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_catalog_file_says_where_it_looked()
    {
        var e = Assert.Throws<BenchException>(() => ClaimCatalogLoader.Load("/nonexistent/claims.yaml"));
        Assert.Contains("no claims catalog at /nonexistent/claims.yaml", e.Message);
    }
}
