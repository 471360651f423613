using Bench.Core.Scenarios;
using Bench.Pipeline.Machine;

namespace Bench.Pipeline.Tests;

/// <summary>The progress display's arithmetic: trial n of N, a cell's trial k of K, the time left at the run's pace.</summary>
public sealed class RunProgressTests
{
    private TimeSpan _now;

    /// <summary>Three trials planned at 10 s, 20 s and 30 s (the figures are given here, not derived).</summary>
    private RunProgress Three()
    {
        var a = new PlannedTrial(RunPlanTests.S("a"), RunPlanTests.T("A"), 1);
        var estimate = new RunEstimate(3, 3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60))
        {
            PerTrial = [new(a, TimeSpan.FromSeconds(10)), new(a with { Trial = 2 }, TimeSpan.FromSeconds(20)), new(a with { Trial = 3 }, TimeSpan.FromSeconds(30))],
        };
        return new RunProgress(estimate, () => _now);
    }

    [Fact]
    public void Before_any_trial_finishes_the_time_left_is_the_plan_less_what_the_running_trial_has_done()
    {
        var p = Three();
        Assert.Equal((0, 3, 1.0), (p.Done, p.Count, p.Pace));
        Assert.Equal(TimeSpan.FromSeconds(60), p.Remaining);
        p.Started(0);
        _now = TimeSpan.FromSeconds(4);
        Assert.Equal(TimeSpan.FromSeconds(56), p.Remaining);
        Assert.Equal(1, p.CurrentNumber);
        // a trial past its estimate counts as about to end, never as negative time
        _now = TimeSpan.FromSeconds(15);
        Assert.Equal(TimeSpan.FromSeconds(50), p.Remaining);
    }

    [Fact]
    public void The_time_left_follows_the_runs_own_pace()
    {
        var p = Three();
        p.Started(0);
        _now = TimeSpan.FromSeconds(15); // planned 10 s, took 15 s: pace 1.5
        p.Finished(0);
        Assert.Equal((1, 1.5), (p.Done, p.Pace));
        Assert.Equal(TimeSpan.FromSeconds((20 + 30) * 1.5), p.Remaining);
        p.Started(1);
        _now = TimeSpan.FromSeconds(25);
        Assert.Equal(2, p.CurrentNumber);
        Assert.Equal(TimeSpan.FromSeconds(30 * 1.5 + (20 * 1.5 - 10)), p.Remaining);
        _now = TimeSpan.FromSeconds(35); // 30 s planned so far, 35 s taken
        p.Finished(1);
        Assert.Equal(35.0 / 30, p.Pace, 9);
        Assert.Equal(35.0, p.Remaining.TotalSeconds, 6);
    }

    [Fact]
    public void A_retried_trial_counts_once_and_its_time_slows_the_pace()
    {
        var p = Three();
        p.Started(0);
        _now = TimeSpan.FromSeconds(10);
        p.Finished(0);
        p.Started(0); // the machine disturbed it: the same trial again
        _now = TimeSpan.FromSeconds(20);
        p.Finished(0);
        Assert.Equal(1, p.Done);
        Assert.Equal(2.0, p.Pace); // 20 s for 10 s of plan
        Assert.Equal(TimeSpan.FromSeconds(100), p.Remaining);
        p.Started(1); _now = TimeSpan.FromSeconds(40); p.Finished(1);
        p.Started(2); _now = TimeSpan.FromSeconds(70); p.Finished(2);
        Assert.Equal((3, TimeSpan.Zero), (p.Done, p.Remaining));
    }

    [Fact]
    public void Counts_a_cells_trials_from_the_plan_with_the_noise_floor_arm_apart()
    {
        var plan = RunPlan.Create([RunPlanTests.S("a"), RunPlanTests.S("b"), RunPlanTests.S("cold", trials: 10, model: LoadKind.Startup)],
            [RunPlanTests.T("A"), RunPlanTests.T("B")], trials: 3, noiseFloor: true);
        var estimate = RunEstimate.Of(plan, quick: true);
        var p = new RunProgress(estimate, () => _now);
        var trials = estimate.PerTrial.Select(e => e.Trial).ToList();
        Assert.Equal(plan.SelectMany(s => s.Trials), trials);
        Assert.Equal((2, 3), p.CellTrial(trials.First(t => t is { Scenario.Name: "b", Target.Name: "B", Trial: 2 })));
        Assert.Equal((3, 3), p.CellTrial(trials.First(t => t is { Scenario.Name: "a", Target.Name: "A", Arm: NoiseArm.A2, Trial: 3 })));
        Assert.Equal((1, 3), p.CellTrial(trials.First(t => t is { Scenario.Name: "a", Target.Name: "A", Arm: NoiseArm.A1 })));
        Assert.Equal((7, 10), p.CellTrial(trials.First(t => t is { Scenario.Name: "cold", Target.Name: "A", Trial: 7 })));
    }
}
