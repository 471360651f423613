using Bench.Core.Claims;
using Bench.Stats.Bounds;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Claims;

/// <summary>
/// The catalog + every trial's samples → a verdict per claim, with every endpoint row kept. Pure: the same
/// samples always give the same table, so `bench verdicts` can re-judge an old results.json under new rules.
/// </summary>
public static class ClaimEvaluator
{
    public static IReadOnlyList<ClaimResult> Evaluate(ClaimCatalog catalog, IReadOnlyList<ClaimSample> samples, ClaimContext context)
    {
        var index = new SampleIndex(samples);
        return catalog.Claims.Select(c => Evaluate(c, catalog.Companions, index, context)).ToList();
    }

    private static ClaimResult Evaluate(Claim claim, IReadOnlyDictionary<string, IReadOnlyList<string>> companions, SampleIndex index, ClaimContext context)
    {
        var rows = new List<EndpointResult>();
        var partJudgements = new List<Judgement>();
        for (var p = 0; p < claim.Parts.Count; p++)
        {
            var part = claim.Parts[p];
            var counted = part.Scenarios.Select(s => Row(p + 1, part, part.Numerator, part.Denominator, s, informational: false, index, context)).ToList();
            rows.AddRange(counted);
            // a companion is reported beside its target where the run measured it (--quick does not)
            rows.AddRange(CompanionPairs(part, companions).Where(pair => index.Measured(pair.Numerator) && (pair.Denominator is null || index.Measured(pair.Denominator))).SelectMany(pair =>
                part.Scenarios.Select(s => Row(p + 1, part, pair.Numerator, pair.Denominator, s, informational: true, index, context))));
            partJudgements.Add(VerdictAggregation.OverEndpoints(counted.Select(r => new Judgement(r.Verdict, r.Reason)).ToList()));
        }
        var verdict = VerdictAggregation.OverParts(partJudgements);
        var countedRows = rows.Where(r => !r.Informational).ToList();
        var single = countedRows.Count == 1 ? countedRows[0] : null;
        return new ClaimResult
        {
            Id = claim.Id,
            Source = claim.Source,
            Quote = claim.Quote,
            Metric = claim.Parts.Select(p => p.Metric).Distinct().ToList(),
            Scenarios = claim.Parts.SelectMany(p => p.Scenarios).Distinct().ToList(),
            Numerator = claim.Parts.Select(p => p.Numerator).Distinct().ToList(),
            Denominator = claim.Parts.Select(p => p.Denominator).OfType<string>().Distinct().ToList(),
            Claimed = string.Join(" and ", claim.Parts.Select(p => p.Describe())),
            Estimate = single?.Estimate,
            Lower = single?.Lower,
            Upper = single?.Upper,
            Confidence = single?.Confidence,
            N = single?.N,
            M = single?.M,
            Verdict = verdict.Verdict,
            Reason = verdict.Reason,
            Parts = partJudgements.Select((j, i) => new PartResult { Part = i + 1, Claimed = claim.Parts[i].Describe(), Verdict = j.Verdict, Reason = j.Reason }).ToList(),
            Rows = rows,
        };
    }

    /// <summary>The part again with each companion in place of the target it accompanies (when not already in the part).</summary>
    private static IEnumerable<(string Numerator, string? Denominator)> CompanionPairs(ClaimPart part, IReadOnlyDictionary<string, IReadOnlyList<string>> companions)
    {
        IEnumerable<string> Of(string? target) => target is not null && companions.TryGetValue(target, out var c) ? c : [];
        var inPart = new[] { part.Numerator, part.Denominator };
        foreach (var c in Of(part.Numerator).Where(c => !inPart.Contains(c))) yield return (c, part.Denominator);
        foreach (var c in Of(part.Denominator).Where(c => !inPart.Contains(c))) yield return (part.Numerator, c);
    }

    private static EndpointResult Row(int partNumber, ClaimPart part, string numerator, string? denominator, string scenario, bool informational,
        SampleIndex index, ClaimContext context)
    {
        var row = new EndpointResult
        {
            Part = partNumber, Metric = part.Metric, Scenario = scenario, Numerator = numerator, Denominator = denominator,
            Claimed = part.Rule?.Describe(part.Metric) ?? "(not judged)", Informational = informational,
            Verdict = Verdict.Untestable, Reason = "",
        };
        EndpointResult Untestable(string reason) => row with { Reason = reason };

        if (UntestableHere(part, context) is { } why) return Untestable(why);
        var rule = part.Rule!;

        var x = index.Find(numerator, scenario, part.Metric, out var missing);
        if (x is null) return Untestable(missing!);
        IReadOnlyList<ClaimSample>? y = null;
        if (denominator is not null && (y = index.Find(denominator, scenario, part.Metric, out missing)) is null) return Untestable(missing!);

        // Disturbed trials are left out; if too few remain, the machine, not the targets, decided the outcome.
        var cleanX = x.Where(s => s.Disturbances == Disturbance.None).ToList();
        var cleanY = y?.Where(s => s.Disturbances == Disturbance.None).ToList();
        var disturbed = x.Count - cleanX.Count + (y?.Count - cleanY?.Count ?? 0);
        var fewest = Math.Min(x.Count, y?.Count ?? int.MaxValue);
        var fewestClean = Math.Min(cleanX.Count, cleanY?.Count ?? int.MaxValue);
        row = row with { N = x.Count, M = y?.Count ?? 0, DisturbedTrials = disturbed };
        if (fewest >= BoundedEstimate.MinTrials && fewestClean < BoundedEstimate.MinTrials)
            return row with
            {
                Verdict = Verdict.Disturbed,
                Reason = $"{disturbed} of {x.Count + (y?.Count ?? 0)} trials disturbed ({Kinds(x.Concat(y ?? []))}): too few undisturbed left for a bound",
            };

        if (fewestClean == 0)
            return Untestable($"{fewest} trial(s), all disturbed ({Kinds(x.Concat(y ?? []))}): a 95 % bound needs at least {BoundedEstimate.MinTrials} undisturbed");
        if (cleanY is not null && cleanX.Concat(cleanY).Any(s => !(s.Value > 0)))
            return Untestable($"{part.Metric.Name()} is 0 or negative in some trials: a ratio of it is undefined");
        var estimate = cleanY is null
            ? MedianBounds.Of(cleanX.Select(s => s.Value).ToList(), context.Confidence)
            : RatioBounds.Of(cleanX.Select(s => s.Value).ToList(), cleanY.Select(s => s.Value).ToList(), context.Confidence);
        var censoring = (cleanX.Any(s => s.Censored) ? Censoring.Numerator : Censoring.None)
                        | (cleanY?.Any(s => s.Censored) == true ? Censoring.Denominator : Censoring.None);
        row = row with
        {
            Estimate = estimate.Estimate, Lower = estimate.Lower, Upper = estimate.Upper, Confidence = estimate.Confidence,
            N = estimate.N, M = estimate.M, Censoring = censoring,
        };
        // Said on every row they apply to, with or without a verdict.
        var notes = new[]
        {
            censoring == Censoring.None ? null : censoring.Describe(),
            disturbed == 0 ? null : $"{disturbed} disturbed trials left out ({Kinds(x.Concat(y ?? []))})",
        }.OfType<string>().ToList();
        if (!estimate.HasBounds)
            return row with { Reason = string.Join("; ", notes.Prepend($"{estimate.NoBoundsReason}; run more trials (--trials)")) };

        var (lower, upper) = censoring.Sound(estimate.Lower!.Value, estimate.Upper!.Value);
        var judgement = ClaimRules.Judge(rule, lower, upper, new Thresholds(context.NoiseFloor), context.TargetCores);
        return row with { Verdict = judgement.Verdict, Reason = string.Join("; ", notes.Prepend(judgement.Reason)) };
    }

    /// <summary>Why no trial could judge the part in a run of this kind (runtime, target cores); null when one can.</summary>
    public static string? UntestableHere(ClaimPart part, ClaimContext context) =>
        part.Untestable ?? (part.Runtime is { } runtime && runtime != context.Runtime ? $"needs --runtime {runtime}; this run used {context.Runtime}"
            : part.Rule is AtLeastRule { MinTargetCores: var minCores } && context.TargetCores < minCores
                ? $"needs at least {minCores} target cores; this run's targets had {context.TargetCores}"
                : null);

    private static string Kinds(IEnumerable<ClaimSample> samples) =>
        samples.Aggregate(Disturbance.None, (all, s) => all | s.Disturbances).ToString().ToLowerInvariant();

    /// <summary>Samples by (target, scenario, metric), and why there are none when there are none.</summary>
    private sealed class SampleIndex(IReadOnlyList<ClaimSample> samples)
    {
        private readonly ILookup<(string, string, ClaimMetric), ClaimSample> _byCell = samples.ToLookup(s => (s.Target, s.Scenario, s.Metric));
        private readonly HashSet<string> _scenarios = samples.Select(s => s.Scenario).ToHashSet();
        private readonly HashSet<string> _targets = samples.Select(s => s.Target).ToHashSet();
        private readonly HashSet<(string, string)> _cells = samples.Select(s => (s.Target, s.Scenario)).ToHashSet();

        public bool Measured(string target) => _targets.Contains(target);

        public IReadOnlyList<ClaimSample>? Find(string target, string scenario, ClaimMetric metric, out string? missing)
        {
            var found = _byCell[(target, scenario, metric)].ToList();
            missing = found.Count > 0 ? null
                : !_scenarios.Contains(scenario) ? $"scenario '{scenario}' was not run"
                : !_targets.Contains(target) ? $"{target} was not measured in this run"
                : !_cells.Contains((target, scenario)) ? $"{target} has no successful trial under '{scenario}'"
                : $"{target} has no {metric.Name()} under '{scenario}'";
            return found.Count > 0 ? found : null;
        }
    }
}
