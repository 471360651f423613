using Bench.Pipeline.Machine;

namespace Bench.Pipeline;

/// <summary>
/// Where a run is and how long it has left, from the observer's events (<see cref="IRunObserver"/>): trial n of N,
/// the current cell (scenario × target) and its trial k of K, the time elapsed and an estimate of the time left.
/// The estimate starts from <see cref="RunEstimate.PerTrial"/> and is scaled by the run's own pace so far (time
/// taken over time planned for the finished trials): warmups that run longer than their least, slow starts and
/// retries show up in it after the first trials. Pure arithmetic on a given clock, so it is tested without waiting.
/// </summary>
public sealed class RunProgress(RunEstimate estimate, Func<TimeSpan> clock)
{
    private readonly HashSet<int> _finished = [];
    private TimeSpan _expectedFinished, _elapsedAtLastFinish, _currentStart;
    private int? _current;

    public int Count => estimate.PerTrial.Count;
    /// <summary>Trials finished (a retried trial counts once).</summary>
    public int Done => _finished.Count;
    public TimeSpan Elapsed => clock();
    /// <summary>The trial running now, or null between trials.</summary>
    public PlannedTrial? Current => _current is { } i ? estimate.PerTrial[i].Trial : null;
    /// <summary>The current trial's 1-based position in the run.</summary>
    public int CurrentNumber => (_current ?? Math.Min(Done, Count - 1)) + 1;

    /// <summary>Time taken per time planned so far; 1 until a trial has finished.</summary>
    public double Pace => _expectedFinished > TimeSpan.Zero ? _elapsedAtLastFinish / _expectedFinished : 1;

    public void Started(int index)
    {
        _current = index;
        _currentStart = clock();
    }

    public void Finished(int index)
    {
        if (_finished.Add(index)) _expectedFinished += estimate.PerTrial[index].Expected;
        _elapsedAtLastFinish = clock();
        _current = null;
    }

    /// <summary>
    /// The trials not finished, at the run's pace; the running one counts with what it has left (never below zero:
    /// a trial past its estimate is about to end, as far as the plan can tell).
    /// </summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = TimeSpan.Zero;
            for (var i = 0; i < Count; i++)
                if (!_finished.Contains(i) && i != _current) left += estimate.PerTrial[i].Expected * Pace;
            if (_current is { } c && !_finished.Contains(c))
            {
                var running = estimate.PerTrial[c].Expected * Pace - (clock() - _currentStart);
                if (running > TimeSpan.Zero) left += running;
            }
            return left;
        }
    }

    /// <summary>The cell's trial number and its trial count, e.g. (2, 5) for "trial 2 of 5": A/A arms A2 are a cell of their own.</summary>
    public (int Trial, int Of) CellTrial(PlannedTrial t) =>
        (t.Trial, estimate.PerTrial.Count(e => SameCell(e.Trial, t)));

    private static bool SameCell(PlannedTrial a, PlannedTrial b) =>
        a.Scenario.Name == b.Scenario.Name && a.Target.Name == b.Target.Name && (a.Arm == NoiseArm.A2) == (b.Arm == NoiseArm.A2);
}
