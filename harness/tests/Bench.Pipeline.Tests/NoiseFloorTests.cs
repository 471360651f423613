using Bench.Load;
using Bench.Load.Monitoring;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;
using Bench.Stats.Bounds;

namespace Bench.Pipeline.Tests;

/// <summary>The run's A/A noise floor, the run's machine summary, and the plan that measures them.</summary>
public class NoiseFloorTests
{
    private static TrialResult Trial(NoiseArm? arm, long[] perSecond, string target = "go-nethttp", bool? retried = null,
        IReadOnlyList<string>? flags = null) => new()
    {
        Target = target, Scenario = "plaintext", Trial = 1, Runtime = "local", StartedUtc = DateTime.UtcNow, Arm = arm, Retried = retried,
        DurationSeconds = perSecond.Length,
        RequestsPerSecond = perSecond.Average(),
        Timeline = [.. perSecond.Select((r, i) => new LoadSecond(i, false, r, 100, 200, 0, 50))],
        Flags = flags ?? [],
    };

    [Fact]
    public void Identical_arms_have_a_ratio_of_one_and_only_their_spread_as_floor()
    {
        // three seconds an arm: too few for a bound, so the floor is |ratio - 1| + spread
        var floor = NoiseFloor.From([Trial(NoiseArm.A1, [1000, 1010, 990]), Trial(NoiseArm.A2, [1000, 1000, 1000])])!;
        Assert.Null(floor.Confidence);
        Assert.Equal(1.0, floor.Ratio);
        // pairwise ratios 0.99, 1.00, 1.01 three times each: Shamos spread 0.01 around a centre of 1
        Assert.Equal(0.01, floor.Spread, 3);
        Assert.Equal(0.01, floor.HalfWidth, 3);
        Assert.Equal(("go-nethttp", "plaintext", 1, NoiseSamples.Seconds, 3, 3), (floor.Target, floor.Scenario, floor.Trials, floor.Basis, floor.SamplesA1, floor.SamplesA2));
    }

    [Fact]
    public void Arms_that_disagree_raise_the_floor_by_their_distance()
    {
        var floor = NoiseFloor.From([Trial(NoiseArm.A1, [1100, 1110, 1090]), Trial(NoiseArm.A2, [1000, 1000, 1000])])!;
        Assert.Equal(1.1, floor.Ratio, 3);
        Assert.Equal(0.1 + 0.01 / 1.1, floor.HalfWidth, 3);
    }

    [Fact]
    public void With_four_seconds_an_arm_the_floor_is_the_furthest_ratio_bound_from_one()
    {
        var floor = NoiseFloor.From([Trial(NoiseArm.A1, [990, 1000, 1010, 1020]), Trial(NoiseArm.A2, [1000, 1000, 1000, 1000])])!;
        // By hand: the 16 ratios A1/A2 are 0.99, 1.00, 1.01, 1.02, four times each. Mann–Whitney for 4 and 4:
        // C(8,4) = 70 equally likely arrangements, one with U = 0 and one with U = 1, so P(U <= 0) = 1/70 < 0.025
        // <= P(U <= 1) = 2/70: k = 1, the bounds are the 1st and 16th ratios, [0.99, 1.02], coverage
        // 1 - 2/70 = 0.9714. Floor = max(|0.99 - 1|, |1.02 - 1|) = 0.02 (the old |ratio - 1| + spread gave about 0.015).
        Assert.Equal((0.99, 1.02, 0.9714), (floor.Lower, floor.Upper, floor.Confidence));
        Assert.Equal(0.02, floor.HalfWidth, 4);
        Assert.Equal(1.005, floor.Ratio, 3); // the middle of the 16 ratios: between 1.00 and 1.01
    }

    [Fact]
    public void One_wild_second_widens_the_floor_through_the_lower_bound()
    {
        var floor = NoiseFloor.From([Trial(NoiseArm.A1, [990, 1000, 1010, 1020, 1030]), Trial(NoiseArm.A2, [1000, 1000, 1000, 1000, 1250])])!;
        // By hand: for 5 and 5, C(10,5) = 252 and the counts of U = 0, 1, 2, 3 are 1, 1, 2, 3, so P(U <= 2) = 4/252
        // < 0.025 <= P(U <= 3) = 7/252: k = 3, the bounds are the 3rd smallest and 3rd largest of the 25 ratios,
        // coverage 1 - 2 * 4/252 = 0.9683. Against 1250 the ratios are 0.792, 0.8, 0.808, 0.816, 0.824: the 3rd
        // smallest is 0.808. Against 1000 the largest are 1.03 four times: the 3rd largest is 1.03.
        // Floor = max(|0.808 - 1|, |1.03 - 1|) = 0.192.
        Assert.Equal((0.808, 1.03, 0.9683), (floor.Lower, floor.Upper, floor.Confidence));
        Assert.Equal(0.192, floor.HalfWidth, 4);
    }

    [Fact]
    public void With_four_trials_an_arm_the_samples_are_the_trials_not_their_seconds()
    {
        // Each trial's seconds are flat, so per-second samples would see no noise at all; the trials' req/s differ
        // by up to 10 %, and the floor must say so. Same arithmetic as the four-second case above, on trials:
        // A1 = 900, 1000, 1000, 1000 against A2 = 1000 x 4: ratios 0.9 four times and 1.0 twelve times, k = 1,
        // bounds [0.9, 1.0], floor 0.1.
        IReadOnlyList<TrialResult> trials =
        [
            .. new long[] { 900, 1000, 1000, 1000 }.Select(r => Trial(NoiseArm.A1, [r, r, r])),
            .. Enumerable.Repeat(1000L, 4).Select(r => Trial(NoiseArm.A2, [r, r, r])),
        ];
        var floor = NoiseFloor.From(trials)!;
        Assert.Equal((NoiseSamples.Trials, 4, 4, 4), (floor.Basis, floor.Trials, floor.SamplesA1, floor.SamplesA2));
        Assert.Equal((0.9, 1.0), (floor.Lower, floor.Upper));
        Assert.Equal(0.1, floor.HalfWidth, 4);
    }

    [Fact]
    public void More_seconds_than_the_exact_table_takes_fall_back_to_distance_plus_spread()
    {
        var many = Enumerable.Repeat(1000L, RankSumDistribution.MaxSize + 1).ToArray();
        var floor = NoiseFloor.From([Trial(NoiseArm.A1, [.. many.Select((r, i) => r + i % 3 * 10 - 10)]), Trial(NoiseArm.A2, many)])!;
        // A1's seconds are 990, 1000, 1010 in turn against a flat 1000: ratio 1, Shamos spread of the pairwise
        // ratios 0.01, as in the first test
        Assert.Null(floor.Confidence);
        Assert.Equal(1.0, floor.Ratio);
        Assert.Equal(0.01, floor.HalfWidth, 3);
    }

    [Fact]
    public void Replaced_attempts_and_other_targets_do_not_count()
    {
        var floor = NoiseFloor.From([
            Trial(NoiseArm.A1, [1000, 1000, 1000]), Trial(NoiseArm.A2, [500, 500, 500], retried: true), Trial(NoiseArm.A2, [1000, 1000, 1000]),
            Trial(null, [9000, 9000, 9000], target: "rust-axum")])!;
        Assert.Equal(1.0, floor.Ratio);
        Assert.Equal(0, floor.HalfWidth);
    }

    [Fact]
    public void Censored_and_disturbed_trials_are_left_out_as_the_claims_leave_them_out()
    {
        // one A1 trial the load engine capped and one A2 trial a neighbour disturbed: with them the arms would be 20 %
        // and 50 % apart; the claims count neither, so neither may set the floor every claim is judged against
        var floor = NoiseFloor.From([
            Trial(NoiseArm.A1, [1000, 1000, 1000]), Trial(NoiseArm.A1, [1200, 1200, 1200]) with { LoadGeneratorBound = true },
            Trial(NoiseArm.A2, [1000, 1000, 1000]), Trial(NoiseArm.A2, [500, 500, 500], flags: [TrialFlags.Interference])])!;
        Assert.Equal((1.0, 0.0, 3, 3), (floor.Ratio, floor.HalfWidth, floor.SamplesA1, floor.SamplesA2));
        // an unsteady trial is a figure the claims count: it stays
        var unsteady = NoiseFloor.From([Trial(NoiseArm.A1, [1100, 1100, 1100], flags: [TrialFlags.Unsteady]), Trial(NoiseArm.A2, [1000, 1000, 1000])])!;
        Assert.Equal(1.1, unsteady.Ratio, 3);
    }

    [Fact]
    public void Without_figures_in_both_arms_there_is_no_floor()
    {
        Assert.Null(NoiseFloor.From([Trial(NoiseArm.A1, [1000, 1000, 1000])]));
        Assert.Null(NoiseFloor.From([Trial(NoiseArm.A1, [1000, 1000]), Trial(NoiseArm.A2, [1000])]));
    }

    [Fact]
    public void The_plan_interleaves_the_second_arm_at_the_other_end_of_each_round_of_the_first_scenario()
    {
        var plan = RunPlan.Create([RunPlanTests.S("a"), RunPlanTests.S("b")], [RunPlanTests.T("A"), RunPlanTests.T("B")], trials: 2, noiseFloor: true);
        // sessions: the arm's extra session serves the first scenario alone
        var order = plan.Select(RunPlanTests.Describe).ToList();
        Assert.Equal(["1:A[a(A1) b]", "1:B[a b]", "1:A[a(A2)]", "2:A[a(A2)]", "2:B[a b]", "2:A[a(A1) b]"], order);
    }

    [Fact]
    public void The_catalogs_noise_floor_target_takes_the_arms_when_the_run_measures_it_on_the_first_scenario()
    {
        var (a, b) = (RunPlanTests.S("a"), RunPlanTests.S("b"));
        var plan = RunPlan.Create([a, b], [RunPlanTests.T("A"), RunPlanTests.T("B")], trials: 1, noiseFloor: true, noiseTarget: "B");
        Assert.Equal(["1:A[a b]", "1:B[a(A1) b]", "1:B[a(A2)]"], plan.Select(RunPlanTests.Describe).ToList());
        // B not measured on the first scenario (a): the first target that is takes the arms, as without a catalog choice
        CellTrials bOnlyOnB = (s, t) => t.Name == "B" && s == a ? 0 : 1;
        plan = RunPlan.Create([a, b], [RunPlanTests.T("A"), RunPlanTests.T("B")], trials: 1, noiseFloor: true, cells: bOnlyOnB, noiseTarget: "B");
        Assert.Equal(["1:A[a(A1) b]", "1:B[b]", "1:A[a(A2)]"], plan.Select(RunPlanTests.Describe).ToList());
    }

    [Fact]
    public void The_run_summary_counts_disturbed_and_rerun_trials_and_calls_a_stolen_run_unreliable()
    {
        var start = MachineCpu.ParseStat("cpu 0 0 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0\ncpu1 100 0 100 800 0 0 0 0\n").PerCpu;
        var quiet = MachineCpu.ParseStat("cpu 0 0 0 0 0 0 0 0\ncpu0 200 0 200 1600 0 0 0 0\ncpu1 200 0 200 1590 0 0 0 10\n").PerCpu;
        var stolen = MachineCpu.ParseStat("cpu 0 0 0 0 0 0 0 0\ncpu0 200 0 200 1600 0 0 0 0\ncpu1 200 0 200 1500 0 0 0 100\n").PerCpu;
        IReadOnlyList<TrialResult> trials =
        [
            Trial(null, [1000, 1000], retried: true, flags: [TrialFlags.Interference]) with { Machine = Window(12) },
            Trial(null, [1000, 1000]) with { Machine = Window(2) },
        ];
        var layout = new CpuLayout("0", "1", "1");
        var run = RunMachine.Summarise(start, quiet, layout, trials, MachineThresholds.Default);
        Assert.Equal((1, 1, 0), (run.DisturbedTrials, run.RerunTrials, run.StillDisturbedTrials));
        var target = run.CpuSets.Single(s => s.Role == CpuRole.Target);
        Assert.Equal(1.0, target.StealPercent); // 10 of 1000 ticks
        Assert.Equal(7.0, target.InterferencePercent); // both windows are 3 s: (12 + 2) / 2
        Assert.Equal(12.0, target.MaxInterferencePercent);
        Assert.True(run.Unreliable); // 7 % of the target's CPU went to others over the measured windows

        var calm = trials.Select(t => t with { Machine = Window(1) }).ToList();
        Assert.False(RunMachine.Summarise(start, quiet, layout, calm, MachineThresholds.Default).Unreliable);
        Assert.True(RunMachine.Summarise(start, stolen, layout, calm, MachineThresholds.Default).Unreliable); // 10 % steal over the run
    }

    private static TrialMachine Window(double interference) => new()
    {
        WindowSeconds = 3,
        CpuSets = [new CpuSetNoise(CpuRole.Engine, "0", 0, 0, 0, 0, 0), new CpuSetNoise(CpuRole.Target, "1", 0, 0, 0, 0, interference)],
        Frequency = CpuFrequency.Unavailable,
    };
}
