using Bench.Pipeline;
using Bench.Pipeline.Results;

namespace Bench.Testing;

/// <summary>A run observer that shows nothing: tests read the run's results, not its progress.</summary>
public sealed class SilentRunObserver : IRunObserver
{
    public void TrialStarting(PlannedTrial trial, int index, int count) { }
    public void LoadSecond(PlannedTrial trial, Load.LoadSecond second) { }
    public void TrialFinished(PlannedTrial trial, TrialResult result, int index, int count) { }
}
