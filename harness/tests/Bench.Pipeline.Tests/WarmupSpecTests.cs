using Bench.Load;
using Bench.Load.Models;

namespace Bench.Pipeline.Tests;

/// <summary>What a trial's warmup runs.</summary>
public class WarmupSpecTests
{
    private static readonly LoadSpec Spec = new() { Target = new Uri("http://127.0.0.1:1/"), Connections = 8 };

    [Fact]
    public void A_ramps_warmup_holds_the_start_rate()
    {
        // the trial's spec would run the whole ramp 100 → 1000/s within the warmup's few seconds
        var warm = TrialRunner.WarmupSpec(Spec with { Model = LoadModel.Ramp(100, 1000) });
        Assert.Equal(LoadModel.ConstantRate(100), warm!.Model);
        Assert.Equal(8, warm.Connections);
    }

    [Fact]
    public void Closed_and_constant_rate_warm_up_with_their_own_load()
    {
        Assert.Equal(LoadModel.Closed, TrialRunner.WarmupSpec(Spec)!.Model);
        Assert.Equal(LoadModel.ConstantRate(500), TrialRunner.WarmupSpec(Spec with { Model = LoadModel.ConstantRate(500) })!.Model);
    }

    [Fact]
    public void A_ramp_from_zero_has_nothing_to_warm_up_with()
    {
        Assert.Null(TrialRunner.WarmupSpec(Spec with { Model = LoadModel.Ramp(0, 1000) }));
    }
}
