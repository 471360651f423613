using Bench.Core.Claims;
using Bench.Core.Scenarios;
using static Bench.Pipeline.Tests.RunPlanTests;

namespace Bench.Pipeline.Tests;

public sealed class ClaimCellsTests
{
    private static ClaimCatalog Catalog(params (string Scenario, string Numerator, string? Denominator)[] parts) => new()
    {
        Claims = [new Claim
        {
            Id = "c", Source = "A", Quote = "q",
            Parts = parts.Select(p => new ClaimPart
            {
                Metric = ClaimMetric.RequestsPerSecond, Scenarios = [p.Scenario], Numerator = p.Numerator, Denominator = p.Denominator,
                Rule = new GreaterRule(),
            }).ToList(),
        }],
        Companions = new Dictionary<string, IReadOnlyList<string>> { ["node"] = ["node-cluster"] },
    };

    [Fact]
    public void Quick_measures_the_cells_the_claims_read_with_companions_and_the_sources_of_derived_rates()
    {
        Scenario json = S("json"), cpu = S("cpu"), fixedRate = S("fixed", rateOf: "json"), unread = S("other");
        var cells = new ClaimCells(Catalog(("cpu", "go", "node"), ("fixed", "aspnet", "rust")), [json, cpu, fixedRate, unread]);

        Assert.True(cells.Measures(cpu, T("go")));
        Assert.True(cells.Measures(cpu, T("node-cluster"))); // the companion, reported beside node
        Assert.False(cells.Measures(cpu, T("rust")));
        Assert.True(cells.Measures(fixedRate, T("aspnet")));
        // json is read by no claim, but the fixed rate is half the slowest req/s there of the targets served at it
        Assert.True(cells.Measures(json, T("aspnet")));
        Assert.True(cells.Measures(json, T("rust")));
        Assert.False(cells.Measures(json, T("go")));
        // a scenario no claim reads was asked for by name: every target
        Assert.True(cells.Measures(unread, T("go")));

        // with reference targets in the run, they alone set the rate: a stack joining for its own claim is served
        // at it without being measured on the source
        var withJava = new ClaimCells(Catalog(("fixed", "java", "rust")), [json, fixedRate], [T("rust"), T("java") with { Coverage = Core.Coverage.Claims }]);
        Assert.True(withJava.Measures(fixedRate, T("java")));
        Assert.False(withJava.Measures(json, T("java")));
        Assert.True(withJava.Measures(json, T("rust")));
    }

    [Fact]
    public void A_target_no_claim_names_is_reported_not_dropped_silently()
    {
        Scenario cpu = S("cpu");
        var catalog = Catalog(("cpu", "go", "node"));
        var targets = new[] { T("go"), T("deno"), T("node") };
        Assert.Equal(["deno"], ClaimCells.Unmeasured(ClaimCells.Trials(catalog, [cpu], 4, quick: true, targets), [cpu], targets));
        // without --quick a target measured on every scenario is measured whatever the claims read; one of
        // coverage: claims only where they read it
        var full = ClaimCells.Trials(catalog, [cpu], 5, quick: false, targets);
        Assert.Equal(5, full(cpu, T("rust")));
        Assert.Equal(0, full(cpu, T("deno") with { Coverage = Core.Coverage.Claims }));
        Assert.Equal(5, full(cpu, T("node") with { Coverage = Core.Coverage.Claims }));
        Assert.Equal(5, ClaimCells.Trials(null, [cpu], 5, quick: false, targets)(cpu, T("deno")));
        // a scenario of coverage: claims (10,000 connections, for Go's claim) leaves out even the reference targets no claim reads there
        var claimsOnly = cpu with { Coverage = Core.Coverage.Claims };
        var forOne = ClaimCells.Trials(catalog, [claimsOnly], 5, quick: false, targets);
        Assert.Equal((0, 5, 5), (forOne(claimsOnly, T("rust")), forOne(claimsOnly, T("go")), forOne(claimsOnly, T("node"))));
        // --targets deno: a run measures what was asked for by name, --quick too (every scenario, as no claim reads it)
        var deno = T("deno") with { Coverage = Core.Coverage.Claims };
        Assert.Equal(5, ClaimCells.Trials(catalog, [cpu], 5, quick: false, [deno], named: true)(cpu, deno));
        Assert.Equal(4, ClaimCells.Trials(catalog, [cpu], 4, quick: true, [deno, T("go")], named: true)(cpu, deno));
        // ...while a named target some claim reads keeps to the claims' cells
        Assert.Equal(0, ClaimCells.Trials(Catalog(("cpu", "go", "node"), ("json", "node", "rust")), [cpu, S("json")], 4, quick: true, [T("go")], named: true)(S("json"), T("go")));
    }

    [Fact]
    public void Quick_gives_each_cell_the_fewest_trials_its_rules_need_and_no_companions()
    {
        Scenario fixedRate = S("fixed", trials: 6), json = S("json");
        var catalog = Catalog(("json", "node", "go")) with
        {
            Claims =
            [
                .. Catalog(("json", "node", "go")).Claims,
                // an absolute rule on rust alone ("rust p99 < 1 ms"): a 95 % bound of a median needs 6 trials
                new Claim { Id = "abs", Source = "A", Quote = "q", Parts = [new ClaimPart
                    { Metric = ClaimMetric.P99, Scenarios = ["fixed"], Numerator = "rust", Rule = new AbsoluteRule(Comparison.Below, 1) }] },
                new Claim { Id = "gt", Source = "A", Quote = "q", Parts = [new ClaimPart
                    { Metric = ClaimMetric.P99, Scenarios = ["fixed"], Numerator = "node", Denominator = "rust", Rule = new GreaterRule() }] },
            ],
        };
        var targets = new[] { T("rust"), T("go"), T("node"), T("node-cluster") };
        var quick = ClaimCells.Trials(catalog, [json, fixedRate], 4, quick: true, targets);
        Assert.Equal((6, 4, 0), (quick(fixedRate, T("rust")), quick(fixedRate, T("node")), quick(fixedRate, T("go"))));
        Assert.Equal((4, 4, 0), (quick(json, T("node")), quick(json, T("go")), quick(json, T("node-cluster")))); // no companion
        // --trials and a scenario's quick.trials raise every cell
        Assert.Equal(8, ClaimCells.Trials(catalog, [json], 8, quick: true, targets)(json, T("go")));
        // --trials below any bound's need is a smoke run, taken as asked, with or without --quick
        Assert.Equal((1, 1), (ClaimCells.Trials(catalog, [fixedRate], 1, quick: true, targets)(fixedRate, T("rust")),
            ClaimCells.Trials(catalog, [fixedRate with { Trials = null }], 1, quick: false, targets)(fixedRate with { Trials = null }, T("rust"))));
        var asksFive = json with { Load = new ScenarioLoad { Model = LoadKind.Closed, Quick = new QuickTiming(null, null, Trials: 5) } };
        Assert.Equal(5, ClaimCells.Trials(catalog, [asksFive], 4, quick: true, targets)(asksFive, T("go")));
        // a default run: the scenario's trials on every cell measured, companions included
        var full = ClaimCells.Trials(catalog, [json, fixedRate], 5, quick: false, targets);
        Assert.Equal((6, 6, 5), (full(fixedRate, T("node")), full(fixedRate, T("go")), full(json, T("node-cluster"))));
    }

    [Fact]
    public void The_plan_gives_each_target_a_session_of_its_cells_only_and_the_noise_floor_pair_is_the_first_target_measured()
    {
        Scenario a = S("a"), b = S("b");
        var cells = new ClaimCells(Catalog(("a", "B", "C"), ("b", "A", "B")), [a, b]);
        var plan = RunPlan.Create([a, b], [T("A"), T("B"), T("C")], trials: 2, noiseFloor: true, (s, t) => cells.Measures(s, t) ? 2 : 0);

        // A reads only b; C only a; B both: B's first scenario is the first scenario, so B is the A/A pair
        Assert.Equal(["1:A[b]", "1:B[a(A1) b]", "1:C[a]", "1:B[a(A2)]", "2:B[a(A2)]", "2:C[a]", "2:B[a(A1) b]", "2:A[b]"],
            plan.Select(Describe).ToList());
    }

    [Fact]
    public void A_part_no_trial_of_this_run_could_judge_reads_no_cell()
    {
        // node-cluster: cluster/single >= 0.7 k needs k >= 2 target cores; on one, its cells would only ever say "untestable"
        Scenario cpu = S("cpu");
        var catalog = new ClaimCatalog
        {
            Claims = [new Claim { Id = "cluster", Source = "B", Quote = "q", Parts = [new ClaimPart
            {
                Metric = ClaimMetric.RequestsPerSecond, Scenarios = ["cpu"], Numerator = "node-cluster", Denominator = "node",
                Rule = new AtLeastRule(0.7, PerTargetCore: true, MinTargetCores: 2),
            }] }],
        };
        var targets = new[] { T("node"), T("node-cluster") };
        Assert.Equal(0, ClaimCells.Trials(catalog, [cpu], 4, quick: true, targets, here: new("local", TargetCores: 1))(cpu, T("node-cluster")));
        Assert.Equal(4, ClaimCells.Trials(catalog, [cpu], 4, quick: true, targets, here: new("local", TargetCores: 2))(cpu, T("node-cluster")));
        // the same for a part that needs the other runtime
        Assert.Equal(0, ClaimCells.Trials(catalog with { Claims = [catalog.Claims[0] with { Parts = [catalog.Claims[0].Parts[0] with
            { Rule = new GreaterRule(), Runtime = "docker" }] }] }, [cpu], 4, quick: true, targets, here: new("local", TargetCores: 2))(cpu, T("node")));
    }

    [Fact]
    public void Targets_with_more_trials_of_a_cell_get_the_later_rounds_alone()
    {
        Scenario a = S("a"), b = S("b");
        var plan = RunPlan.Create([a, b], [T("A"), T("B")], trials: 1, noiseFloor: false,
            (s, t) => (s.Name, t.Name) switch { ("a", "A") => 3, ("b", "A") => 1, ("a", "B") => 2, _ => 0 });
        Assert.Equal(["1:A[a b]", "1:B[a]", "2:B[a]", "2:A[a]", "3:A[a]"], plan.Select(Describe).ToList());
    }
}

public sealed class QuickTimingTests
{
    private static Scenario WithQuick(QuickTiming? quick) => RunPlanTests.S("s") with
    {
        Load = new ScenarioLoad { Model = LoadKind.Closed, Warmup = TimeSpan.FromSeconds(3), Duration = TimeSpan.FromSeconds(5), Quick = quick },
    };

    [Fact]
    public void Quick_takes_the_scenarios_quick_timing_part_by_part_and_the_general_one_for_what_it_leaves_out()
    {
        Assert.Equal((TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(200), (TimeSpan?)null),
            RunContext.TimingFor(WithQuick(null), quick: true, first: false));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), (TimeSpan?)null),
            RunContext.TimingFor(WithQuick(new QuickTiming(TimeSpan.FromSeconds(1), null)), quick: true, first: false));
        // first in its session: the general warmup doubled, a scenario's own kept as it chose it; never an until-steady one
        Assert.Equal((TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400), (TimeSpan?)null),
            RunContext.TimingFor(WithQuick(new QuickTiming(null, null, 4)), quick: true, first: true));
        Assert.Equal((TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500), (TimeSpan?)null),
            RunContext.TimingFor(WithQuick(new QuickTiming(null, TimeSpan.FromMilliseconds(500), 4)), quick: true, first: true));
        Assert.Equal(TimeSpan.FromSeconds(5), RunContext.TimingFor(WithQuick(new QuickTiming(TimeSpan.FromSeconds(1), null)), quick: false, first: false).Duration);
    }
}
