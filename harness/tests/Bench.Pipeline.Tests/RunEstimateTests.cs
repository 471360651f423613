using Bench.Core.Scenarios;

namespace Bench.Pipeline.Tests;

public sealed class RunEstimateTests
{
    private static Scenario S(string name, LoadKind model = LoadKind.Closed) => RunPlanTests.S(name, model: model) with
    {
        Load = new ScenarioLoad { Model = model, Duration = TimeSpan.FromSeconds(5), Warmup = TimeSpan.FromSeconds(2), Rate = model == LoadKind.Open ? 100 : null },
    };

    [Fact]
    public void Counts_the_first_scenarios_steady_warmup_at_least_and_at_most_and_a_start_per_session()
    {
        var plan = RunPlan.Create([S("a"), S("b"), S("cold", LoadKind.Startup)], [RunPlanTests.T("A"), RunPlanTests.T("B")], trials: 1);
        var e = RunEstimate.Of(plan, quick: false);
        // 4 sessions (2 of a+b, 2 cold starts) and 6 trials. Per session of a+b: a is first, so it warms up until steady:
        // at least 15 s (three 5 s windows), at most 20 s (RunContext.FirstMaxWarmup), then its 5 s window; b warms up
        // its own 2 s, then 5 s. Each trial costs 0.3 s more and each session 1.5 s.
        Assert.Equal((4, 6), (e.Sessions, e.Trials));
        Assert.Equal(2 * (15 + 5 + 2 + 5) + 6 * 0.3 + 4 * 1.5, e.Shortest.TotalSeconds, 6);
        Assert.Equal(2 * (20 + 5 + 2 + 5) + 6 * 0.3 + 4 * 1.5, e.Longest.TotalSeconds, 6);
        // per trial, in run order, summing to the shortest: a session's start and stop go to its first trial
        Assert.Equal(plan.SelectMany(s => s.Trials), e.PerTrial.Select(t => t.Trial));
        Assert.Equal([15 + 5 + 0.3 + 1.5, 2 + 5 + 0.3, 15 + 5 + 0.3 + 1.5, 2 + 5 + 0.3, 0.3 + 1.5, 0.3 + 1.5],
            e.PerTrial.Select(t => Math.Round(t.Expected.TotalSeconds, 6)));
        Assert.Equal(e.Shortest, e.PerTrial.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Expected));
    }

    [Fact]
    public void Quick_uses_the_quick_timings_and_never_waits_for_steady_state()
    {
        var plan = RunPlan.Create([S("a"), S("b")], [RunPlanTests.T("A")], trials: 1);
        var e = RunEstimate.Of(plan, quick: true);
        // a: 0.3 s window after twice the 0.2 s quick warmup (first in its session); b: 0.3 s after 0.2 s
        Assert.Equal(0.3 + 0.4 + 0.3 + 0.2 + 2 * 0.3 + 1.5, e.Shortest.TotalSeconds, 6);
        Assert.Equal(e.Shortest, e.Longest);
    }
}
