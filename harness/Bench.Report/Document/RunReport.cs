using Bench.Charts;
using Bench.Charts.Data;
using Bench.Core.Claims;
using Bench.Core.Scenarios;
using Bench.Pipeline.Results;
using Bench.Stats.Claims;
using static Bench.Report.Document.Text;

namespace Bench.Report.Document;

/// <summary>
/// What a run's report says, in order: the verdicts first (what the run is for), then each scenario's figures and
/// charts, resources, the environment and settings the figures belong to, and what every flag in it means.
/// </summary>
public static class RunReport
{
    public static ReportDocument Build(RunFigures run, IReadOnlyList<Chart> charts)
    {
        var r = run.Run;
        var blocks = new List<Block>();
        blocks.AddRange(Summary(run));
        blocks.AddRange(Verdicts(run, charts));
        blocks.Add(new Heading(2, "Scenarios"));
        foreach (var scenario in run.Scenarios)
            blocks.AddRange(scenario.Model == LoadKind.Startup ? ColdStart(run, scenario) : Scenario(run, scenario, charts));
        blocks.AddRange(Resources(run, charts));
        blocks.AddRange(Environment(run));
        blocks.AddRange(FlagsSection(run));
        return new ReportDocument($"bench report: {r.RunId}", blocks);
    }

    private static IEnumerable<Block> Summary(RunFigures run)
    {
        var r = run.Run;
        var kept = r.Trials.Count(t => t.IsTargetsFigure);
        var failed = r.Trials.Count(t => t.IsTargetsFigure && t.Failure is not null);
        yield return new Paragraph(
            $"Run {r.RunId}: {r.Status}, {Utc(r.StartedUtc)} to {Utc(r.FinishedUtc)}, {r.Environment.Runtime} runtime, " +
            $"{r.Settings.Targets.Count} targets × {r.Settings.Scenarios.Count} scenarios, {r.Trials.Count} trials recorded " +
            $"({kept} counted, {failed} of them failed; the rest are re-run attempts and the A/A noise arm). Results schema version {r.SchemaVersion}.");
        if (r.Status != RunStatus.Complete)
            yield return new Paragraph($"This run is {r.Status}{(r.Error is null ? "" : $" ({r.Error})")}: it holds only the trials that finished, " +
                                       "its last round may favour the targets that ran in it, and it has no verdicts.", Strong: true);
        if (r.Machine?.Unreliable == true)
            yield return new Paragraph("The machine made this run's figures unreliable (CPU steal, interference or throttling above the thresholds, " +
                                       "or kept trials still disturbed): they describe the machine as much as the targets.", Strong: true);
        if (r.Settings.Quick)
            yield return new Paragraph("--quick run: warmups and windows of a second or less, first looks only. JIT-compiled targets are far from " +
                                       "steady state this early: run without --quick for figures to quote.", Strong: true);
        if (r.NoiseFloor is { } floor)
            yield return new Paragraph($"Noise floor: {floor.Target} against itself under {floor.Scenario} gave a ratio of {N(floor.Ratio)}; " +
                                       $"differences within ±{N(100 * floor.HalfWidth)} % are the machine's, not the targets', so no verdict rests on one, " +
                                       "and a claim's band narrower than that confirms nothing (claims/README.md, Rules).");
    }

    private static IEnumerable<Block> Verdicts(RunFigures run, IReadOnlyList<Chart> charts)
    {
        yield return new Heading(2, "Verdicts");
        if (run.Run.Claims is not { } claims)
        {
            yield return new Paragraph("This run has no verdicts (claims[] is written when a run completes; `bench verdicts DIR` judges any run on request).");
            yield break;
        }
        yield return new Paragraph($"Every claim of the catalog judged from this run's trials (noise floor {N(run.Run.ClaimsNoiseFloor)}). " +
                                   "Measured: the Hodges–Lehmann ratio (or median) with its distribution-free 95 % bounds, shown when the claim rests on one row; " +
                                   "a claim over several rows combines their verdicts (see the rows below). " +
                                   string.Join(", ", claims.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Name(g.Key)}")) + ".");
        yield return new Table(
            [new("claim"), new("quote"), new("claimed"), new("measured [95 % bounds]", Align.Right), new("verdict"), new("n/m", Align.Right), new("why")],
            [.. claims.Select(c =>
            {
                var single = c.Rows.Count(r => !r.Informational) == 1 ? c.Rows.Single(r => !r.Informational) : null;
                return (IReadOnlyList<string>)[c.Id, $"\"{c.Quote}\"", c.Claimed, single is null ? "" : Measured(single), Name(c.Verdict), single is null ? "" : Trials(single), c.Reason];
            })]);
        if (charts.FirstOrDefault(c => c.Kind == ChartKind.Claims) is { } chart) yield return new Figures([chart]);
        yield return new Heading(3, "Every row of the claims");
        yield return new Table(
            [new("claim"), new("scenario"), new("relation"), new("claimed"), new("measured [95 % bounds]", Align.Right), new("verdict"), new("n/m", Align.Right), new("why")],
            [.. claims.SelectMany(c => c.Rows.Select(r => (IReadOnlyList<string>)
                [c.Id, r.Scenario, Subject(r) + (r.Informational ? " (companion, not counted)" : ""), r.Claimed, Measured(r), Name(r.Verdict), Trials(r), r.Reason]))]);
    }

    private static IEnumerable<Block> Scenario(RunFigures run, ScenarioSettings s, IReadOnlyList<Chart> charts)
    {
        yield return new Heading(3, s.Name);
        var rate = run.Run.DerivedRates.FirstOrDefault(d => d.Scenario == s.Name) is { } d
            ? $", fixed rate {N(d.Rate)} req/s ({N(100 * d.Fraction)} % of the slowest target's median under {d.RateOf}{(d.Censored ? "; censored: lower than asked" : "")})"
            : s.Rate is { } fixedRate ? $", fixed rate {N(fixedRate)} req/s{(s.RampTo is { } to ? $" ramping to {N(to)}" : "")}" : "";
        yield return new Paragraph($"{s.Method} {s.Path}: {Json(s.Model)} model, {s.Connections} connections{(s.Pipeline > 1 ? $", pipeline {s.Pipeline}" : "")}{rate}; " +
                                   $"{N(s.DurationSeconds)} s measured after at least {N(s.WarmupSeconds)} s of warmup, {s.Trials} trials. {s.Claim}");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var target in run.Targets)
        {
            var kept = run.Kept(s.Name, target);
            var failed = run.Failed(s.Name, target);
            if (kept.Count == 0 && failed == 0) continue;
            var rps = kept.Select(t => t.RequestsPerSecond).OfType<double>().ToList();
            var histogram = run.Histogram(s.Name, target);
            var flags = kept.SelectMany(t => t.Flags).GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}");
            rows.Add([
                target, N(Median(rps)), Range(rps),
                Ms(histogram?.MicrosecondsAt(50)), Ms(histogram?.MicrosecondsAt(99)), Ms(histogram?.MicrosecondsAt(99.9)),
                N(kept.Sum(t => t.Errors?.Total ?? 0)), N(Median(kept.Select(t => t.RequestsPerCpuSecond).OfType<double>().ToList())),
                $"{kept.Count}{(failed > 0 ? $" (+{failed} failed)" : "")}", string.Join(", ", flags),
            ]);
        }
        yield return new Table(
            [new("target"), new("req/s median", Align.Right), new("trials' range", Align.Right), new("p50", Align.Right), new("p99", Align.Right),
             new("p99.9", Align.Right), new("errors", Align.Right), new("req / CPU-s", Align.Right), new("trials", Align.Right), new("flags")],
            rows);
        yield return new Paragraph("Latency percentiles from the trials' histograms merged; req/s and req / CPU-s are medians over the trials.");
        var shown = charts.Where(c => c.Scenario == s.Name).ToList();
        if (shown.Count > 0) yield return new Figures(shown);
    }

    private static IEnumerable<Block> ColdStart(RunFigures run, ScenarioSettings s)
    {
        yield return new Heading(3, s.Name);
        var clock = run.Kept(s.Name).Select(t => t.StartupClock).FirstOrDefault(c => c is not null);
        yield return new Paragraph($"Cold starts, no load: {s.Trials} starts per target, each in a session of its own; start-up measured " +
                                   $"{(clock is null ? "from the target's start" : $"as {Json(clock.Value)}")}. {s.Claim}");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var target in run.Targets)
        {
            var kept = run.Kept(s.Name, target);
            if (kept.Count == 0 && run.Failed(s.Name, target) == 0) continue;
            var startup = kept.Select(t => t.StartupMs).OfType<double>().ToList();
            rows.Add([
                target, N(Median(startup)), Range(startup), N(Median(kept.Select(t => t.StartupPollMs).OfType<double>().ToList())),
                MiB(Median(kept.Select(t => (double?)t.IdleRssBytes).OfType<double>().ToList())),
                MiB(Median(kept.Select(t => (double?)t.ArtifactBytes).OfType<double>().ToList())),
                $"{kept.Count}{(run.Failed(s.Name, target) is > 0 and var f ? $" (+{f} failed)" : "")}",
            ]);
        }
        yield return new Table(
            [new("target"), new("start-up median (ms)", Align.Right), new("range (ms)", Align.Right), new("poll resolution (ms)", Align.Right),
             new("idle memory", Align.Right), new("artifact", Align.Right), new("starts", Align.Right)],
            rows);
    }

    private static IEnumerable<Block> Resources(RunFigures run, IReadOnlyList<Chart> charts)
    {
        yield return new Heading(2, "Resources");
        yield return new Paragraph("Idle memory: a fresh target's (its session's first trial, or a cold start), median; peak: the highest reading of any " +
                                   "trial, with the scenario it came from. Memory is the cgroup's working set (usage less inactive file cache) where the " +
                                   "harness could make cgroups, else RSS summed over the target's processes (see memory source).");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var target in run.Targets)
        {
            var kept = run.Run.Trials.Where(t => t.Target == target && t.IsTargetsFigure && t.Failure is null).ToList();
            if (kept.Count == 0) continue;
            var peak = kept.Where(t => t.PeakRssBytes is not null).MaxBy(t => t.PeakRssBytes);
            var coldStarts = run.Scenarios.Where(s => s.Model == LoadKind.Startup).Select(s => s.Name).ToHashSet();
            rows.Add([
                target,
                MiB(Median(kept.Where(t => t.Position == 1).Select(t => (double?)t.IdleRssBytes).OfType<double>().ToList())),
                peak is null ? None : $"{MiB(peak.PeakRssBytes)} ({peak.Scenario})",
                N(Median(kept.Where(t => coldStarts.Contains(t.Scenario)).Select(t => t.StartupMs).OfType<double>().ToList())),
                MiB(Median(kept.Select(t => (double?)t.ArtifactBytes).OfType<double>().ToList())),
                string.Join(", ", kept.Select(t => t.MemorySource).OfType<Runtime.Resources.MemorySource>().Select(Json).Distinct().Order(StringComparer.Ordinal)),
            ]);
        }
        yield return new Table(
            [new("target"), new("idle memory", Align.Right), new("peak memory", Align.Right), new("start-up (ms)", Align.Right), new("artifact", Align.Right), new("memory source")],
            rows);
        var shown = charts.Where(c => c.Kind == ChartKind.Resources).ToList();
        if (shown.Count > 0) yield return new Figures(shown);
    }

    private static IEnumerable<Block> Environment(RunFigures run)
    {
        var e = run.Run.Environment;
        var s = run.Run.Settings;
        yield return new Heading(2, "Environment and settings");
        var items = new List<string>
        {
            $"Machine: {e.CpuModel}, {e.Cores} cores, {MiB(e.MemoryBytes)} memory; {e.Os}, kernel {e.Kernel}; host {e.Hostname}",
            $"Harness: commit {e.HarnessCommit}, .NET {e.HarnessDotnet}; {e.Runtime} runtime",
            $"Layout: load engine on CPU {s.EngineCpus}, targets on CPU {s.TargetCpus}, database ({s.Database}) on CPU {s.DatabaseCpus}, DB_POOL_SIZE {s.DbPoolSize}",
            $"Limits per target: {s.TargetLimits}{(s.TargetLimits.OpenFiles is { } files ? $", {files} open files" : "")}",
            $"Trials: {s.Trials} per target and scenario (a scenario may ask for more), interleaved A B C…, then …C B A; up to {s.Retries} re-runs of a trial the machine disturbed{(s.Quick ? "; --quick" : "")}",
        };
        if (run.Run.Machine is { } m)
            items.Add($"Machine over the run: {m.DisturbedTrials} attempts disturbed, {m.RerunTrials} re-run, {m.StillDisturbedTrials} kept trials still disturbed; " +
                      string.Join("; ", m.CpuSets.Select(c => $"{Json(c.Role)} CPUs {c.Cpus}: steal {N(c.StealPercent)} %, interference {N(c.InterferencePercent)} %")) +
                      $"; {(m.Unreliable ? "unreliable" : "within the thresholds")}");
        yield return new BulletList(items);
        yield return new Table(
            [new("target"), new("language"), new("framework"), new("toolchain")],
            [.. e.Targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (IReadOnlyList<string>)
                [t.Key, $"{t.Value.Language} {t.Value.LanguageVersion}", $"{t.Value.Framework} {t.Value.FrameworkVersion}", t.Value.Toolchain])]);
    }

    private static IEnumerable<Block> FlagsSection(RunFigures run)
    {
        yield return new Heading(2, "Flags");
        var counted = run.Run.Trials.Where(t => t.IsTargetsFigure).ToList();
        var flags = counted.SelectMany(t => t.Flags).GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        yield return new Paragraph(flags.Count == 0
            ? "No counted trial carries a flag."
            : "A flagged trial's figures are kept and shown (crossed in the throughput charts), but not at face value: the flag says why.");
        if (flags.Count > 0)
            yield return new Table([new("flag"), new("trials", Align.Right), new("meaning")],
                [.. flags.Select(g => (IReadOnlyList<string>)[g.Key, g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), Flags.Meaning(g.Key)])]);
        var failures = counted.Where(t => t.Failure is not null).ToList();
        if (failures.Count > 0)
            yield return new Table([new("failed trial"), new("why")],
                [.. failures.Select(t => (IReadOnlyList<string>)[$"{t.Scenario} / {t.Target} #{t.Trial}", t.Failure!])]);
    }

    private static string Name(Stats.Verdicts.Verdict v) => v.ToString().ToLowerInvariant();

    private static string Subject(EndpointResult row) =>
        row.Denominator is null ? $"{row.Numerator} {row.Metric.Name()}" : $"{row.Numerator}/{row.Denominator} {row.Metric.Name()}";

    private static string Measured(EndpointResult row)
    {
        if (row.Estimate is not { } estimate) return "";
        var unit = row.Denominator is null ? $" {row.Metric.Unit()}" : "×";
        return row.Lower is { } l && row.Upper is { } u ? $"{N(estimate)}{unit} [{N(l)} – {N(u)}]" : $"{N(estimate)}{unit}";
    }

    private static string Trials(EndpointResult row) => row.N == 0 ? "" : row.Denominator is null ? $"{row.N}" : $"{row.N}/{row.M}";

    private static double? Median(IReadOnlyList<double> values) => values.Count == 0 ? null : Stats.SampleMedian.Of(values);
}
