using Bench.Pipeline.Results;
using static Bench.Pipeline.Tests.RunPlanTests;

namespace Bench.Pipeline.Tests;

public sealed class DerivedRateTests
{
    private static TrialResult Json(string target, int trial, double rps) => new()
    {
        Target = target, Scenario = "json", Trial = trial, Runtime = "local", StartedUtc = DateTime.UnixEpoch, RequestsPerSecond = rps,
    };

    private static readonly TrialResult[] Trials =
    [
        Json("rust", 1, 40_000), Json("rust", 2, 42_000), Json("rust", 3, 44_000),
        Json("node", 1, 10_000), Json("node", 2, 12_000), Json("node", 3, 11_000),
        // measured on json for a claim of its own, never served at the fixed rate
        Json("python", 1, 3_000), Json("python", 2, 3_200), Json("python", 3, 2_800),
    ];

    [Fact]
    public void The_rate_is_the_fraction_of_the_slowest_median_among_the_targets_served_at_it()
    {
        var rate = DerivedRate.Resolve(S("fixed", rateOf: "json"), Trials, new HashSet<string> { "rust", "node" });
        // node's median 11,000 req/s × 0.5; python's 3,000 would have set 1,500
        Assert.Equal(("node", 5_500.0), (rate.SlowestTarget, rate.Rate));
        Assert.Equal(["node", "rust"], rate.PerTarget.Keys.Order().ToList());
    }

    [Fact]
    public void Without_a_served_set_every_target_measured_on_the_source_counts()
    {
        var rate = DerivedRate.Resolve(S("fixed", rateOf: "json"), Trials);
        Assert.Equal(("python", 1_500.0), (rate.SlowestTarget, rate.Rate));
    }
}
