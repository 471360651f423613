using Bench.Core;
using Bench.Core.Claims;
using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Stats.Bounds;
using Bench.Stats.Claims;

namespace Bench.Pipeline;

/// <summary>How many trials a cell (scenario × target) of a run gets; 0: the run does not measure it.</summary>
public delegate int CellTrials(Scenario scenario, TargetManifest target);

/// <summary>
/// The cells (scenario × target) some claim of the catalog reads, and the fewest trials each needs for the
/// bounds its rules are judged on: 6 where a one-sample rule (ABS: "rust p99 &lt; 1 ms") reads it, the fewest
/// for a 95 % bound of a median; 4 elsewhere, the fewest for a two-sample ratio bound. With them: the
/// catalog's companions beside their targets (node-fastify-cluster beside node-fastify; reported, never
/// counted), and the source cells of a derived rate (the fixed rate is half the slowest target's req/s on the
/// source scenario, so every target that sets it is measured on the source too: the reference targets served
/// at the rate, see <see cref="DerivedRate.Setters"/>; a stack joining for a claim of its own is served at
/// their rate without a source cell). A scenario no claim reads keeps every cell: it was asked for by name.
/// </summary>
public sealed class ClaimCells
{
    private readonly Dictionary<(string Scenario, string Target), int> _fewest = [];
    private readonly HashSet<string> _readScenarios = [];

    /// <param name="targets">the run's targets: the rate sources are measured on those that set rates
    /// (<see cref="DerivedRate.Setters"/>); null: on every target served at the rate</param>
    /// <param name="companions">whether the companions are measured beside their targets (not by --quick)</param>
    /// <param name="here">the run's runtime and target cores: a part no trial of such a run could judge (node-cluster on
    /// one target core) reads nothing; null: every part reads its cells</param>
    public ClaimCells(ClaimCatalog claims, IReadOnlyList<Scenario> scenarios, IReadOnlyCollection<TargetManifest>? targets = null, bool companions = true,
        ClaimContext? here = null)
    {
        int pair = RatioBounds.FewestTrials(), single = MedianBounds.FewestTrials();
        var setters = targets is null ? null : DerivedRate.Setters(targets).Select(t => t.Name).ToHashSet();
        foreach (var part in claims.Claims.SelectMany(c => c.Parts))
            foreach (var scenario in part.Scenarios)
            {
                _readScenarios.Add(scenario);
                if (here is not null && ClaimEvaluator.UntestableHere(part, here) is not null) continue;
                foreach (var target in new[] { part.Numerator, part.Denominator }.OfType<string>())
                {
                    Need(scenario, target, part.Denominator is null ? single : pair);
                    if (companions)
                        foreach (var companion in claims.Companions.GetValueOrDefault(target) ?? []) Need(scenario, companion, pair);
                }
            }
        foreach (var derived in scenarios.Where(s => s.Load.RateOf is not null))
            foreach (var (_, target) in _fewest.Keys.Where(c => c.Scenario == derived.Name && (setters?.Contains(c.Target) ?? true)).ToList())
            {
                Need(derived.Load.RateOf!.Scenario, target, pair);
                _readScenarios.Add(derived.Load.RateOf.Scenario);
            }
    }

    private void Need(string scenario, string target, int trials) =>
        _fewest[(scenario, target)] = Math.Max(trials, _fewest.GetValueOrDefault((scenario, target)));

    public bool Measures(Scenario scenario, TargetManifest target) => Fewest(scenario, target) > 0;

    /// <summary>The fewest trials the claims reading the cell need; 0 when none reads it; for a scenario no claim reads, a ratio's.</summary>
    public int Fewest(Scenario scenario, TargetManifest target) =>
        !_readScenarios.Contains(scenario.Name) ? RatioBounds.FewestTrials() : _fewest.GetValueOrDefault((scenario.Name, target.Name));

    /// <summary>
    /// The trials of every cell of a run of <paramref name="targets"/>:
    /// <list type="bullet">
    /// <item>without --quick, every cell of a target and a scenario both of <see cref="Coverage.Every"/>, of a target named by --targets (asking for deno by
    /// name measures deno) and the claims' cells of the others, each with <see cref="Scenario.TrialsFor"/> or the fewest its
    /// rules need, whichever is more (6 on the cells of absolute rules: not every target of the scenario);</item>
    /// <item>--quick ("a first verdict on every claim" in minutes), only the claims' cells, without companions, each with
    /// the fewest trials its rules need, or --trials, or the scenario's <c>quick.trials</c>, whichever is most; a named
    /// target no claim reads is measured on every scenario.</item>
    /// </list>
    /// --trials below 4 (no 95 % bound of either kind) is a smoke run: its count stands, the rules' needs are not added.
    /// No catalog: every cell, with the scenario's own count as the least.
    /// </summary>
    /// <param name="here">the run's runtime and target cores (see the constructor)</param>
    public static CellTrials Trials(ClaimCatalog? claims, IReadOnlyList<Scenario> scenarios, int trials, bool quick,
        IReadOnlyCollection<TargetManifest> targets, bool named = false, ClaimContext? here = null)
    {
        // --trials below any bound's need (a smoke run: --trials 1) is taken as asked: no cell could have bounds anyway
        var bounded = trials >= RatioBounds.FewestTrials();
        int Quick(Scenario s, int fewest) => Math.Max(Math.Max(trials, bounded ? fewest : 0), s.Load.Quick?.Trials ?? 0);
        // without a catalog nothing says what a cell needs: the scenario's own count stands in for it
        if (claims is null) return quick ? (s, _) => Quick(s, s.Trials ?? 0) : (s, _) => s.TrialsFor(trials);
        if (!quick)
        {
            var all = new ClaimCells(claims, scenarios, targets, here: here);
            return (s, t) => named || (t.Coverage == Coverage.Every && s.Coverage == Coverage.Every) || all.Measures(s, t)
                ? Math.Max(s.TrialsFor(trials), bounded ? all.Fewest(s, t) : 0) : 0;
        }
        var cells = new ClaimCells(claims, scenarios, targets, companions: false, here);
        var unread = named ? targets.Where(t => !scenarios.Any(s => cells.Measures(s, t))).Select(t => t.Name).ToHashSet() : [];
        return (s, t) => unread.Contains(t.Name) ? Quick(s, 0) : cells.Fewest(s, t) is > 0 and var fewest ? Quick(s, fewest) : 0;
    }

    /// <summary>The selected targets <paramref name="trials"/> gives no cell (named by no claim): said before the run, never dropped silently.</summary>
    public static IReadOnlyList<string> Unmeasured(CellTrials trials, IReadOnlyList<Scenario> scenarios, IReadOnlyList<TargetManifest> targets) =>
        targets.Where(t => !scenarios.Any(s => trials(s, t) > 0)).Select(t => t.Name).ToList();
}
