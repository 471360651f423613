using Bench.Core.Scenarios;
using Bench.Core;

namespace Bench.Core.Tests;

public sealed class ScenarioCatalogTests
{
    [Fact]
    public void The_default_set_is_every_scenario_the_claims_catalog_names_and_nothing_else()
    {
        var scenarios = ScenarioSelection.Load(null);
        var named = Claims.ClaimCatalogLoader.Load().Claims.SelectMany(c => c.Parts).SelectMany(p => p.Scenarios).ToHashSet();
        Assert.Equal(named.Order(), scenarios.Select(s => s.Name).Order());
        Assert.Equal(["plaintext", "json", "json-process", "jwt", "db", "profile", "cpu", "profile-c1024", "io-100ms-c1000",
                      "io-1000ms-c10000", "fixed-rate-json", "fixed-rate-json-process", "cold-start"], scenarios.Select(s => s.Name));
    }

    [Fact]
    public void The_default_sets_connections_and_requests_are_what_the_claims_say()
    {
        var s = ScenarioSelection.Load(null).ToDictionary(x => x.Name);
        Assert.Equal(64, s["plaintext"].Load.Connections);
        Assert.Equal(1024, s["profile-c1024"].Load.Connections);
        Assert.Equal(1000, s["io-100ms-c1000"].Load.Connections);
        Assert.Equal(10_000, s["io-1000ms-c10000"].Load.Connections);
        Assert.Equal("/io?ms=1000", s["io-1000ms-c10000"].Request.Path);
        Assert.Equal(("POST", 1024), (s["json-process"].Request.Method, s["json-process"].Request.OrderBytes!.Value));
        Assert.True(s["profile"].Request.Jwt && s["profile-c1024"].Request.Jwt && s["jwt"].Request.Jwt);
        Assert.Equal("/cpu?n=100000", s["cpu"].Request.Path);
        Assert.Equal((LoadKind.Open, LoadKind.Open), (s["fixed-rate-json"].Load.Model, s["fixed-rate-json-process"].Load.Model));
        Assert.Equal(new RateOf("json", 0.5), s["fixed-rate-json"].Load.RateOf);
        Assert.Equal(new RateOf("json-process", 0.5), s["fixed-rate-json-process"].Load.RateOf);
        Assert.Equal((LoadKind.Startup, 10), (s["cold-start"].Load.Model, s["cold-start"].Trials));
        // the scenarios that exist for one claim measure its targets only; the rest the whole matrix
        Assert.Equal(["io-1000ms-c10000", "io-100ms-c1000", "profile-c1024"],
            s.Values.Where(x => x.Coverage == Coverage.Claims).Select(x => x.Name).Order(StringComparer.Ordinal).ToList());
        ScenarioCatalog.CheckRateSources([.. s.Values]);
    }

    [Fact]
    public void Reads_every_field_and_infers_post_for_order_bodies()
    {
        var s = ScenarioCatalog.Parse("""
            scenarios:
              - name: orders
                claim: JSON handling
                request: { path: /json/process, orderBytes: 16384, variants: 8, expectStatus: 200 }
                load: { model: open, rate: 500, rampTo: 1500, connections: 32, duration: 1.5s, warmup: 500ms, maxWarmup: 1m, pipeline: 2, timeout: 3s }
            """, "test").Single();
        Assert.Equal("POST", s.Request.Method);
        Assert.Equal(16384, s.Request.OrderBytes);
        Assert.Equal(8, s.Request.Variants);
        Assert.Equal((LoadKind.Open, 500.0, 1500.0), (s.Load.Model, s.Load.Rate!.Value, s.Load.RampTo!.Value));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), s.Load.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Load.Warmup);
        Assert.Equal(TimeSpan.FromMinutes(1), s.Load.MaxWarmup);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Load.Timeout);
        Assert.Equal(2, s.Load.Pipeline);
    }

    [Fact]
    public void Derived_rates_quick_timings_trials_and_cold_starts_are_read()
    {
        var scenarios = ScenarioCatalog.Parse("""
            scenarios:
              - name: json
                request: { path: /json }
              - name: fixed
                trials: 6
                request: { path: /json }
                load: { model: open, rateOf: json, fraction: 0.25, quick: { duration: 2s, warmup: 1500ms } }
              - name: io
                trials: 6
                load: { quick: { trials: 4 } }
                request: { path: /io }
              - name: cold
                trials: 10
                load: { model: startup }
            """, "test");
        var (json, fixedRate, io, cold) = (scenarios[0], scenarios[1], scenarios[2], scenarios[3]);
        Assert.Equal(5, json.TrialsFor(5));
        Assert.Equal((6, 6, 7), (fixedRate.TrialsFor(1), fixedRate.TrialsFor(6), fixedRate.TrialsFor(7)));
        Assert.Equal(new RateOf("json", 0.25), fixedRate.Load.RateOf);
        Assert.Null(fixedRate.Load.Rate);
        Assert.Equal(new QuickTiming(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1500)), fixedRate.Load.Quick);
        // a quick block may name only a trial count (--quick's general timing); a default run keeps its own 6
        Assert.Equal(new QuickTiming(null, null, 4), io.Load.Quick);
        Assert.Equal(6, io.TrialsFor(5));
        Assert.Equal((LoadKind.Startup, "/healthz", 10), (cold.Load.Model, cold.Request.Path, cold.Trials));
        ScenarioCatalog.CheckRateSources(scenarios);
    }

    [Fact]
    public void A_derived_rate_needs_its_closed_model_source_in_the_same_selection()
    {
        var fixedRate = ScenarioCatalog.Parse("scenarios:\n  - name: fixed\n    request: { path: /json }\n    load: { model: open, rateOf: json }", "test");
        var missing = Assert.Throws<BenchException>(() => ScenarioCatalog.CheckRateSources(fixedRate));
        Assert.Contains("'json', which is not selected", missing.Message);
        var openSource = ScenarioCatalog.Parse("scenarios:\n  - name: json\n    request: { path: /json }\n    load: { model: open, rate: 10 }", "test");
        var notClosed = Assert.Throws<BenchException>(() => ScenarioCatalog.CheckRateSources([.. openSource, .. fixedRate]));
        Assert.Contains("not a closed-model", notClosed.Message);
    }

    [Theory]
    [InlineData("scenarios: []", "test:1:12: scenarios: no scenarios listed")]
    [InlineData("scenarios:\n  - request: { path: /json }", "test:2:5: scenarios[0]: 'name' is required")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: json }", "test:3:22: scenarios[0] 'a'.request.path: must start with '/'")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: open }", "needs load.rate")]
    [InlineData("scenarios:\n  - name: a\n    coverage: some\n    request: { path: /json }", "test:3:15: scenarios[0] 'a'.coverage: must be 'every' or 'claims', not 'some'")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: burst }", "test:4:20: scenarios[0] 'a'.load.model: must be 'closed', 'open' or 'startup', not 'burst'")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: open, rate: 5, rateOf: b }", "not both")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: closed, rateOf: b }", "open model only")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: open, rateOf: b, fraction: 1.5 }", "load.fraction must be in (0, 1]")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { fraction: 0.5 }", "with load.rateOf only")]
    [InlineData("scenarios:\n  - name: a\n    trials: 0\n    request: { path: /json }", "test:3:13: scenarios[0] 'a'.trials: must be 1..1000 (got 0)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { quick: { trials: 0 } }", "test:4:30: scenarios[0] 'a'.load.quick.trials: must be 1..1000 (got 0)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { quick: { duration: 0s } }", "scenarios[0] 'a'.load.quick.duration: must be positive (got 0s)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { duration: ten }", "scenarios[0] 'a'.load.duration: 'ten' is not a duration")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { duration: 0s }", "scenarios[0] 'a'.load.duration: must be positive (got 0s)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { warmup: 10s, maxWarmup: 5s }", "load.maxWarmup (5s) is shorter than load.warmup (10s)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n  - name: a\n    request: { path: /db }", "used twice")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json, colour: red }", "test:3:29: scenarios[0] 'a'.request: unknown key 'colour'; allowed: method, path")]
    [InlineData("scenarios: [", "test:2:1: invalid YAML")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { connections: many }", "test:4:26: scenarios[0] 'a'.load.connections: 'many' is not a whole number in 1..10000")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { connections: 20000 }", "test:4:26: scenarios[0] 'a'.load.connections: must be 1..10000 (got 20000)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json, jwt: maybe }", "test:3:34: scenarios[0] 'a'.request.jwt: 'maybe' is not true or false")]
    [InlineData("scenarios:\n  - name: a\n    request: [/json]", "test:3:14: scenarios[0] 'a'.request: must be a mapping")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    lod: { connections: 1 }", "test:4:5: scenarios[0]: unknown key 'lod'; allowed: name, trials, claim, coverage, request, load")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { connections: 1, connections: 2 }", "test:4:")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json", "test:4:1: invalid YAML")]
    [InlineData("scenario:\n  - name: a", "test:1:1: (top level): unknown key 'scenario'; allowed: scenarios")]
    public void Invalid_files_fail_with_a_message_naming_the_problem(string yaml, string message)
    {
        var e = Assert.Throws<BenchException>(() => ScenarioCatalog.Parse(yaml, "test"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("test:", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3", 3_000)]
    public void Durations_read_as_people_write_them(string text, int ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), DurationText.Parse(text, "x"));
}
