using Bench.Core;
using Bench.Core.Claims;
using Bench.Load;
using Bench.Pipeline.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Pipeline.Tests;

/// <summary>A results.json's trials as claim samples: units, censoring, disturbance, failed trials, the run's context.</summary>
public sealed class ClaimInputsTests
{
    private static TrialResult Trial(string flag = "", bool generatorBound = false, string? failure = null) => new()
    {
        Target = "rust-axum", Scenario = "json", Trial = 1, Runtime = "local", StartedUtc = DateTime.UtcNow, Failure = failure,
        RequestsPerSecond = failure is null ? 80_000 : null,
        LoadGeneratorBound = generatorBound,
        Latency = failure is null ? new LatencySummary(1000, 750, 10, 700, 800, 900, 1_500, 4_200, 6_000, 9_000) : null,
        Errors = failure is null ? new ErrorSummary { Total = 3 } : null,
        IdleRssBytes = failure is null ? 5L * 1024 * 1024 : null,
        PeakRssBytes = failure is null ? 12L * 1024 * 1024 : null,
        StartupMs = failure is null ? 42 : null,
        ArtifactBytes = failure is null ? 3L * 1024 * 1024 : null,
        RequestsPerCpuSecond = failure is null ? 81_000 : null,
        Flags = flag.Length == 0 ? [] : [flag],
    };

    [Fact]
    public void Every_metric_in_its_unit()
    {
        var values = ClaimInputs.Samples([Trial()]).ToDictionary(s => s.Metric, s => s.Value);
        Assert.Equal(80_000, values[ClaimMetric.RequestsPerSecond]);
        Assert.Equal(0.75, values[ClaimMetric.MeanLatency], 1e-12);
        Assert.Equal(0.7, values[ClaimMetric.P50], 1e-12);
        Assert.Equal(1.5, values[ClaimMetric.P99], 1e-12);
        Assert.Equal(4.2, values[ClaimMetric.P999], 1e-12);
        Assert.Equal(6.0, values[ClaimMetric.P999OverP50], 1e-12);
        Assert.Equal(5.0, values[ClaimMetric.IdleMemory], 1e-12);
        Assert.Equal(12.0, values[ClaimMetric.PeakMemory], 1e-12);
        Assert.Equal(42, values[ClaimMetric.StartupMs]);
        Assert.Equal(3.0, values[ClaimMetric.ArtifactBytes], 1e-12);
        Assert.Equal(81_000, values[ClaimMetric.RequestsPerCpuSecond]);
        Assert.Equal(3, values[ClaimMetric.Errors]);
        Assert.Equal(Enum.GetValues<ClaimMetric>().Length, values.Count);
    }

    [Fact]
    public void A_generator_bound_trial_censors_its_throughput_only()
    {
        var samples = ClaimInputs.Samples([Trial(generatorBound: true)]);
        Assert.True(samples.Single(s => s.Metric == ClaimMetric.RequestsPerSecond).Censored);
        Assert.All(samples.Where(s => s.Metric != ClaimMetric.RequestsPerSecond), s => Assert.False(s.Censored));
    }

    [Fact]
    public void At_a_fixed_rate_a_generator_bound_trial_disturbs_its_latency_and_nothing_else()
    {
        var open = Trial(generatorBound: true) with { OpenModel = new OpenModelSummary(5000, 50_000, 50_000, 900, 40, 0, 1000) };
        var samples = ClaimInputs.Samples([open]);
        Assert.All(samples.Where(s => s.Metric is ClaimMetric.MeanLatency or ClaimMetric.P50 or ClaimMetric.P99 or ClaimMetric.P999 or ClaimMetric.P999OverP50),
            s => Assert.Equal(Disturbance.LoadGenerator, s.Disturbances));
        Assert.All(samples.Where(s => s.Metric is ClaimMetric.PeakMemory or ClaimMetric.RequestsPerCpuSecond), s => Assert.Equal(Disturbance.None, s.Disturbances));
        // closed model: the engine bound censors req/s (above), latency stays the target's own (its queue, not a schedule)
        Assert.All(ClaimInputs.Samples([Trial(generatorBound: true)]), s => Assert.Equal(Disturbance.None, s.Disturbances));
    }

    [Theory]
    [InlineData("stolen", Disturbance.Stolen)]
    [InlineData("throttled", Disturbance.Throttled)]
    [InlineData("interference", Disturbance.Interference)]
    [InlineData("unsteady", Disturbance.None)]
    [InlineData("none", Disturbance.None)]
    public void Machine_noise_flags_become_disturbances(string flag, Disturbance expected) =>
        Assert.All(ClaimInputs.Samples([Trial(flag)]), s => Assert.Equal(expected, s.Disturbances));

    [Fact]
    public void Replaced_attempts_and_the_second_AA_arm_give_no_samples()
    {
        var kept = Trial() with { Attempt = 2 };
        var samples = ClaimInputs.Samples([Trial() with { Retried = true }, kept, Trial() with { Arm = Machine.NoiseArm.A2 }, Trial() with { Arm = Machine.NoiseArm.A1 }]);
        // the retried attempt and the A2 trial drop out: two trials' worth of req/s remain (the kept attempt and A1)
        Assert.Equal(2, samples.Count(s => s.Metric == ClaimMetric.RequestsPerSecond));
    }

    [Fact]
    public void A_failed_trial_gives_no_samples() =>
        Assert.Empty(ClaimInputs.Samples([Trial(failure: "did not start")]));

    [Fact]
    public void The_second_arm_of_the_noise_floor_gives_no_samples_and_the_first_counts_as_any_trial()
    {
        // A2 is an extra trial of the A/A target, placed to measure the machine (TrialResult.Arm): counted, it would
        // give that target twice the trials of the others in the first scenario.
        Assert.Empty(ClaimInputs.Samples([Trial() with { Arm = Machine.NoiseArm.A2 }]));
        Assert.Equal(ClaimInputs.Samples([Trial()]).Count, ClaimInputs.Samples([Trial() with { Arm = Machine.NoiseArm.A1 }]).Count);
    }

    [Fact]
    public void The_sample_runs_give_a_verdict_row_for_every_claim_and_say_why_they_cannot_judge()
    {
        // One trial per cell and four scenarios: every claim is untestable here, and each says why.
        var run = ResultsStore.Read(Path.Combine(RepoPaths.Root, "results", "sample", "local-default", ResultsStore.FileName));
        var context = ClaimInputs.Context(run);
        Assert.Equal(("local", 1), (context.Runtime, context.TargetCores));
        var catalog = ClaimCatalogLoader.Load();
        var results = ClaimEvaluator.Evaluate(catalog, ClaimInputs.Samples(run.Trials), context);
        Assert.Equal(catalog.Claims.Select(c => c.Id), results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(Verdict.Untestable, r.Verdict));
        var plaintext = results.Single(r => r.Id == "rust-go-2-3x").Rows.Single(r => r.Scenario == "plaintext");
        Assert.Equal(81494.2 / 48704.1, plaintext.Estimate!.Value, 1e-9); // rust-axum / go-nethttp in the sample, one trial each
        Assert.Contains("1 and 1 trials", plaintext.Reason);
    }
}
