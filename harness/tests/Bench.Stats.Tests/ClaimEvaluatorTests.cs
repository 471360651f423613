using Bench.Core.Claims;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Tests;

/// <summary>
/// End to end on the real catalog (claims/claims.yaml) with synthetic trials of known speeds: go-nethttp at
/// 50,000 req/s, rust-axum a known multiple of it, each trial off by up to ±2 % (fixed factors, so the test is
/// deterministic); the verdicts that follow from the rules.
/// </summary>
public sealed class ClaimEvaluatorTests
{
    private static readonly ClaimCatalog Catalog = ClaimCatalogLoader.Load();
    private static readonly ClaimContext OneCore = new("local", TargetCores: 1);

    // Six trials' noise: within ±2 %, different for each target so the ratios do not cancel it.
    private static readonly double[] NoiseA = [0.98, 1.01, 0.995, 1.02, 1.0, 0.99], NoiseB = [1.015, 0.985, 1.0, 0.99, 1.02, 1.005];

    private static IEnumerable<ClaimSample> Trials(string target, string scenario, ClaimMetric metric, double value, double[] noise,
        bool censored = false, Disturbance disturbance = Disturbance.None, int count = 6) =>
        noise.Take(count).Select((f, i) => new ClaimSample(target, scenario, metric, value * f, censored, i < 3 ? disturbance : Disturbance.None));

    private static List<ClaimSample> RustOverGo(double times, bool rustCensored = false, bool goCensored = false, Disturbance rustDisturbed = Disturbance.None, int count = 6) =>
        new[] { "plaintext", "json", "json-process" }.SelectMany(s =>
            Trials("go-nethttp", s, ClaimMetric.RequestsPerSecond, 50_000, NoiseA, goCensored, count: count)
                .Concat(Trials("rust-axum", s, ClaimMetric.RequestsPerSecond, 50_000 * times, NoiseB, rustCensored, rustDisturbed, count))).ToList();

    private static ClaimResult Claim(string id, IReadOnlyList<ClaimSample> samples, ClaimContext? context = null) =>
        ClaimEvaluator.Evaluate(Catalog, samples, context ?? OneCore).Single(c => c.Id == id);

    [Fact]
    public void Rust_two_and_a_half_times_go_confirms_2_3x()
    {
        var c = Claim("rust-go-2-3x", RustOverGo(2.5));
        Assert.Equal(Verdict.Confirmed, c.Verdict);
        Assert.Equal(3, c.Rows.Count);
        Assert.All(c.Rows, r =>
        {
            Assert.Equal(Verdict.Confirmed, r.Verdict);
            Assert.InRange(r.Estimate!.Value, 2.4, 2.6);          // 2.5 within the ±2 % noise on each side
            Assert.InRange(r.Lower!.Value, 2.3, 2.5);
            Assert.InRange(r.Upper!.Value, 2.5, 2.7);
            Assert.Equal((6, 6), (r.N, r.M));
            Assert.Equal(0.95887445887445888, r.Confidence!.Value, 1e-12); // 6 and 6 trials (R's pwilcox)
        });
        Assert.Equal("Node.js vs. Go vs. Rust: Which Backend Language Dominates in 2026?", c.Source);
        Assert.Equal("Often 2-3x faster than Go", c.Quote);
    }

    [Fact]
    public void Each_part_keeps_its_own_verdict_and_a_multi_part_claim_has_no_figures_of_its_own()
    {
        // "Rust is faster than Go, which is faster than Node": rust 2x go holds, node 1.5x go refutes the second part
        var samples = new[] { "plaintext", "json" }.SelectMany(s =>
            Trials("go-nethttp", s, ClaimMetric.RequestsPerSecond, 50_000, NoiseA)
                .Concat(Trials("rust-axum", s, ClaimMetric.RequestsPerSecond, 100_000, NoiseB))
                .Concat(Trials("node-fastify", s, ClaimMetric.RequestsPerSecond, 75_000, NoiseB))).ToList();
        var c = Claim("order-rust-go-node", samples);
        Assert.Equal([(1, Verdict.Confirmed), (2, Verdict.Refuted)], c.Parts.Select(p => (p.Part, p.Verdict)));
        Assert.Equal("go-nethttp/node-fastify requestsPerSecond > 1", c.Parts[1].Claimed);
        Assert.Equal(Verdict.Refuted, c.Verdict);
        Assert.StartsWith("part 2: ", c.Reason);
        Assert.Equal(["rust-axum", "go-nethttp"], c.Numerator);
        Assert.Equal(["go-nethttp", "node-fastify"], c.Denominator);
        Assert.Null(c.Estimate); // four counted rows: no one ratio stands for the claim
        Assert.Null(c.N);
    }

    [Fact]
    public void Rust_at_1_2x_refutes_it_and_at_4x_exceeds_it()
    {
        var slow = Claim("rust-go-2-3x", RustOverGo(1.2));
        Assert.Equal(Verdict.Refuted, slow.Verdict);
        Assert.Contains("refuted on 3 of 3", slow.Reason);
        var fast = Claim("rust-go-2-3x", RustOverGo(4));
        Assert.Equal(Verdict.Exceeded, fast.Verdict);
        Assert.All(fast.Rows, r => Assert.InRange(r.Estimate!.Value, 3.8, 4.2));
    }

    [Fact]
    public void A_censored_rust_cannot_confirm_the_range_but_still_shows_exceeded()
    {
        var within = Claim("rust-go-2-3x", RustOverGo(2.5, rustCensored: true));
        Assert.Equal(Verdict.Inconclusive, within.Verdict);
        Assert.All(within.Rows, r =>
        {
            Assert.Equal(Censoring.Numerator, r.Censoring);
            Assert.Contains("censored by the load generator", r.Reason);
        });
        Assert.Equal(Verdict.Exceeded, Claim("rust-go-2-3x", RustOverGo(4, rustCensored: true)).Verdict);
        // A censored go (the denominator) makes the ratio an upper bound: 1.2x still refutes "at least 2".
        Assert.Equal(Verdict.Refuted, Claim("rust-go-2-3x", RustOverGo(1.2, goCensored: true)).Verdict);
        Assert.Equal(Verdict.Inconclusive, Claim("rust-go-2-3x", RustOverGo(4, goCensored: true)).Verdict);
    }

    [Fact]
    public void Too_few_trials_or_a_missing_scenario_are_untestable_with_the_reason()
    {
        var few = Claim("rust-go-2-3x", RustOverGo(2.5, count: 3));
        Assert.Equal(Verdict.Untestable, few.Verdict);
        Assert.All(few.Rows, r =>
        {
            Assert.Contains("3 and 3 trials", r.Reason);
            Assert.InRange(r.Estimate!.Value, 2.4, 2.6); // the estimate is shown, the bounds are not
            Assert.Null(r.Lower);
        });
        var censoredFew = Claim("rust-go-2-3x", RustOverGo(2.5, rustCensored: true, count: 1)).Rows[0];
        Assert.Equal((Verdict.Untestable, Censoring.Numerator), (censoredFew.Verdict, censoredFew.Censoring));
        Assert.Contains("censored by the load generator", censoredFew.Reason); // said even where no verdict is given
        var half = Claim("rust-go-70pct", RustOverGo(1.7)); // json was run, profile was not
        Assert.Equal(Verdict.Confirmed, half.Rows.Single(r => r.Scenario == "json").Verdict);
        Assert.Equal(Verdict.Untestable, half.Rows.Single(r => r.Scenario == "profile").Verdict);
        Assert.Contains("scenario 'profile' was not run", half.Rows.Single(r => r.Scenario == "profile").Reason);
        var withoutNode = Claim("rust-node-5-10x", RustOverGo(2.5)).Rows.Single(r => r.Scenario == "json" && !r.Informational);
        Assert.Contains("node-fastify was not measured in this run", withoutNode.Reason);
        var failedNode = Claim("rust-node-5-10x", [.. RustOverGo(2.5), new ClaimSample("node-fastify", "plaintext", ClaimMetric.RequestsPerSecond, 9_000)])
            .Rows.Single(r => r.Scenario == "json" && !r.Informational);
        Assert.Contains("node-fastify has no successful trial under 'json'", failedNode.Reason);
        // Confirmed on half the endpoints and refuted on none is confirmed (the rule); the reason says what was not tested.
        Assert.Equal(Verdict.Confirmed, half.Verdict);
        Assert.Contains("1 untestable", half.Reason);
        var third = Claim("go-node-2-3x", new[] { "json", "jwt" }.SelectMany(s =>
            Trials("node-fastify", s, ClaimMetric.RequestsPerSecond, 20_000, NoiseA)
                .Concat(Trials("go-nethttp", s, ClaimMetric.RequestsPerSecond, 50_000, NoiseB))).ToList());
        Assert.Equal(Verdict.Untestable, third.Verdict); // confirmed on 2 of 5: the 3 untested endpoints decide it
        Assert.Contains("3 of 5 endpoints untestable", third.Reason);
    }

    [Fact]
    public void Node_cluster_is_untestable_on_one_target_core()
    {
        var samples = new[] { "jwt", "cpu" }.SelectMany(s =>
            Trials("node-fastify", s, ClaimMetric.RequestsPerSecond, 20_000, NoiseA)
                .Concat(Trials("node-fastify-cluster", s, ClaimMetric.RequestsPerSecond, 36_000, NoiseB))).ToList();
        var one = Claim("node-cluster", samples);
        Assert.Equal(Verdict.Untestable, one.Verdict);
        Assert.Contains("needs at least 2 target cores; this run's targets had 1", one.Reason);
        // 1.8x on 2 cores ≥ 0.7·2 = 1.4: confirmed.
        Assert.Equal(Verdict.Confirmed, Claim("node-cluster", samples, OneCore with { TargetCores = 2 }).Verdict);
    }

    [Fact]
    public void Disturbed_trials_are_left_out_and_too_many_make_the_verdict_disturbed()
    {
        var c = Claim("rust-go-2-3x", RustOverGo(2.5, rustDisturbed: Disturbance.Stolen));
        Assert.Equal(Verdict.Disturbed, c.Verdict); // 3 of 6 rust trials stolen: 3 clean ones cannot give a bound
        Assert.All(c.Rows, r => Assert.Contains("3 of 12 trials disturbed (stolen)", r.Reason));
        // Fewer disturbed trials than would matter: left out, the verdict rests on the rest and says so.
        var samples = RustOverGo(2.5);
        samples[6] = samples[6] with { Disturbances = Disturbance.Throttled }; // the first rust-axum plaintext trial
        var one = Claim("rust-go-2-3x", samples).Rows.Single(r => r.Scenario == "plaintext");
        Assert.Equal((Verdict.Confirmed, 5, 6, 1), (one.Verdict, one.N, one.M, one.DisturbedTrials));
        Assert.Contains("1 disturbed trials left out (throttled)", one.Reason);
        // A single trial, disturbed: untestable, never a verdict (and no bound from nothing).
        var lone = Claim("sub-ms", [new ClaimSample("rust-axum", "fixed-rate-json", ClaimMetric.P99, 0.5, Disturbances: Disturbance.Interference)]);
        Assert.Equal(Verdict.Untestable, lone.Verdict);
        Assert.Contains("all disturbed (interference)", lone.Reason);
    }

    [Fact]
    public void Companions_are_reported_beside_node_without_counting()
    {
        var samples = new[] { "plaintext", "json", "json-process" }.SelectMany(s =>
            Trials("rust-axum", s, ClaimMetric.RequestsPerSecond, 120_000, NoiseA)
                .Concat(Trials("node-fastify", s, ClaimMetric.RequestsPerSecond, 20_000, NoiseB))
                .Concat(Trials("node-fastify-cluster", s, ClaimMetric.RequestsPerSecond, 60_000, NoiseB))).ToList();
        var c = Claim("rust-node-5-10x", samples);
        Assert.Equal(Verdict.Confirmed, c.Verdict); // 6x over node-fastify
        var companions = c.Rows.Where(r => r.Informational).ToList();
        Assert.Equal(3, companions.Count);
        Assert.All(companions, r => Assert.Equal(("node-fastify-cluster", Verdict.Refuted), (r.Denominator!, r.Verdict))); // 2x only

        // a run that did not measure the companion (--quick) has no row of it, rather than an "untestable" one
        var quick = Claim("rust-node-5-10x", samples.Where(t => t.Target != "node-fastify-cluster").ToList());
        Assert.Equal((Verdict.Confirmed, 3, 0), (quick.Verdict, quick.Rows.Count, quick.Rows.Count(r => r.Informational)));
    }

    [Fact]
    public void An_absolute_rule_is_judged_on_the_median_interval()
    {
        var p99 = Trials("rust-axum", "fixed-rate-json", ClaimMetric.P99, 0.5, NoiseA).ToList();
        Assert.Equal(Verdict.Confirmed, Claim("sub-ms", p99).Verdict);
        var slow = Trials("rust-axum", "fixed-rate-json", ClaimMetric.P99, 1.5, NoiseA).ToList();
        Assert.Equal(Verdict.Refuted, Claim("sub-ms", slow).Verdict);
        var five = Claim("sub-ms", p99.Take(5).ToList());
        Assert.Equal(Verdict.Untestable, five.Verdict); // no 95 % median interval from 5 trials
        Assert.Equal(0.5, five.Estimate!.Value, 0.02);
    }

    [Fact]
    public void A_noise_floor_raises_what_greater_needs()
    {
        // rust 6 % above go on plaintext and json: GT confirmed at the default 5 %, not over a 10 % noise floor.
        var samples = RustOverGo(1.08).Where(s => s.Scenario != "json-process").ToList();
        var order = Claim("order-rust-go-node", samples);
        Assert.Equal(Verdict.Confirmed, order.Rows.Where(r => r.Part == 1).Select(r => r.Verdict).Distinct().Single());
        var noisy = Claim("order-rust-go-node", samples, OneCore with { NoiseFloor = 0.10 });
        Assert.All(noisy.Rows.Where(r => r.Part == 1), r => Assert.Equal(Verdict.Inconclusive, r.Verdict));
    }

    [Fact]
    public void Every_catalog_claim_gets_a_result_with_a_reason_even_with_no_trials()
    {
        var results = ClaimEvaluator.Evaluate(Catalog, [], OneCore);
        Assert.Equal(Catalog.Claims.Select(c => c.Id), results.Select(r => r.Id));
        Assert.All(results, r =>
        {
            Assert.Equal(Verdict.Untestable, r.Verdict);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
        });
    }
}
