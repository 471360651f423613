using Bench.Core.Scenarios;

namespace Bench.Core.Tests;

public sealed class ScenarioCatalogTests
{
    [Fact]
    public void The_default_set_is_plaintext_json_db_jwt_closed_64_connections_10_seconds()
    {
        var scenarios = ScenarioCatalog.Load(ScenarioCatalog.DefaultSet);
        Assert.Equal(["plaintext", "json", "db", "jwt"], scenarios.Select(s => s.Name));
        Assert.All(scenarios, s =>
        {
            Assert.Equal("closed", s.Load.Model);
            Assert.Equal(64, s.Load.Connections);
            Assert.Equal(TimeSpan.FromSeconds(10), s.Load.Duration);
        });
        Assert.True(scenarios.Single(s => s.Name == "jwt").Request.Jwt);
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
        Assert.Equal(("open", 500.0, 1500.0), (s.Load.Model, s.Load.Rate!.Value, s.Load.RampTo!.Value));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), s.Load.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Load.Warmup);
        Assert.Equal(TimeSpan.FromMinutes(1), s.Load.MaxWarmup);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Load.Timeout);
        Assert.Equal(2, s.Load.Pipeline);
    }

    [Theory]
    [InlineData("scenarios: []", "no scenarios")]
    [InlineData("scenarios:\n  - request: { path: /json }", "'name' is required")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: json }", "must start with '/'")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: open }", "needs load.rate")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { model: burst }", "'closed' or 'open'")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { duration: ten }", "not a duration")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { duration: 0s }", "must be positive")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n    load: { warmup: 10s, maxWarmup: 5s }", "load.maxWarmup (5s) is shorter than load.warmup (10s)")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json }\n  - name: a\n    request: { path: /db }", "used twice")]
    [InlineData("scenarios:\n  - name: a\n    request: { path: /json, colour: red }", "test")]
    [InlineData("scenarios: [", "line")]
    public void Invalid_files_fail_with_a_message_naming_the_problem(string yaml, string message)
    {
        var e = Assert.Throws<BenchException>(() => ScenarioCatalog.Parse(yaml, "test"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("test", e.Message);
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
