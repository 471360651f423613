using Bench.Core.Scenarios;

namespace Bench.Pipeline;

/// <summary>
/// How long a plan should take, printed before it starts so a nightly job's budget can be checked up front:
/// the warmups and windows it will run, plus a start-up and a stop per session. Until-steady warmups count at
/// their least (a steady target) and at their most (<see cref="Longest"/>); retries are not foreseeable.
/// <see cref="PerTrial"/> spreads <see cref="Shortest"/> over the trials, in the order the run numbers them, for the
/// progress display's time left (<see cref="RunProgress"/>).
/// </summary>
public sealed record RunEstimate(int Sessions, int Trials, TimeSpan Shortest, TimeSpan Longest)
{
    /// <summary>Every trial of the plan in run order (its index is the run's trial index) and its share of <see cref="Shortest"/>.</summary>
    public IReadOnlyList<TrialEstimate> PerTrial { get; init; } = [];

    /// <summary>A start, the settle pause, a stop; slow starters (node cluster, ASP.NET Core) take about this.</summary>
    private static readonly TimeSpan PerSession = TimeSpan.FromSeconds(1.5);
    /// <summary>Between two trials of a session: machine marks, the histogram written, the health check.</summary>
    private static readonly TimeSpan TrialOverhead = TimeSpan.FromSeconds(0.3);
    /// <summary>The least an until-steady warmup can run: three windows of <see cref="SteadyState.Window"/> seconds.</summary>
    private static readonly TimeSpan SteadyAtLeast = TimeSpan.FromSeconds(SteadyState.Window * SteadyState.Windows);

    public static RunEstimate Of(IReadOnlyList<PlannedSession> plan, bool quick)
    {
        TimeSpan least = TimeSpan.Zero, most = TimeSpan.Zero;
        var perTrial = new List<TrialEstimate>();
        foreach (var trial in plan.SelectMany(s => s.Trials))
        {
            // a session's start and stop are charged to its first trial
            var trialLeast = TrialOverhead + (trial.Position == 1 ? PerSession : TimeSpan.Zero);
            var trialMost = trialLeast;
            if (trial.Scenario.Load.Model != LoadKind.Startup)
            {
                var (duration, warmup, maxWarmup) = RunContext.TimingFor(trial.Scenario, quick, first: trial.Position == 1);
                trialLeast += duration + (maxWarmup is null ? warmup : Max(warmup, SteadyAtLeast));
                trialMost += duration + (maxWarmup ?? warmup);
            }
            least += trialLeast;
            most += trialMost;
            perTrial.Add(new TrialEstimate(trial, trialLeast));
        }
        return new RunEstimate(plan.Count, perTrial.Count, least, most) { PerTrial = perTrial };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>One planned trial and the time it should take (its session's start and stop included when it opens one).</summary>
public sealed record TrialEstimate(PlannedTrial Trial, TimeSpan Expected);
