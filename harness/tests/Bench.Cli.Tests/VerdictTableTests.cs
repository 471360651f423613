using Bench.Cli.Views;
using Bench.Core.Claims;
using Bench.Stats.Claims;
using Bench.Stats.Verdicts;
using Spectre.Console;

namespace Bench.Cli.Tests;

/// <summary>
/// The verdict table `bench run` ends with and `bench verdicts` prints: claim, quote, measured ratio with its bounds,
/// the claimed relation, the verdict in its colour, n; every endpoint row of a claim with several; a tally last.
/// </summary>
public sealed class VerdictTableTests
{
    private static EndpointResult Row(string scenario, double estimate, double lower, double upper, Verdict verdict) => new()
    {
        Part = 1, Metric = ClaimMetric.RequestsPerSecond, Scenario = scenario, Numerator = "rust-axum", Denominator = "go-nethttp",
        Claimed = "in [2, 3]", Estimate = estimate, Lower = lower, Upper = upper, Confidence = 0.968, N = 5, M = 6,
        Verdict = verdict, Reason = $"{verdict} on {scenario}",
    };

    private static ClaimResult Claim(string id, string quote, Verdict verdict, string reason, params EndpointResult[] rows)
    {
        var single = rows.Length == 1 ? rows[0] : null;
        return new ClaimResult
        {
            Id = id, Source = "B", Quote = quote, Metric = [ClaimMetric.RequestsPerSecond], Scenarios = rows.Select(r => r.Scenario).ToList(),
            Numerator = ["rust-axum"], Denominator = ["go-nethttp"], Claimed = "rust-axum/go-nethttp requestsPerSecond in [2, 3]",
            Estimate = single?.Estimate, Lower = single?.Lower, Upper = single?.Upper, Confidence = single?.Confidence, N = single?.N, M = single?.M,
            Verdict = verdict, Reason = reason, Parts = [new PartResult { Part = 1, Claimed = "x", Verdict = verdict, Reason = reason }], Rows = rows,
        };
    }

    private static readonly ClaimResult[] Results =
    [
        Claim("one-row", "Often 2-3x faster", Verdict.Confirmed, "L ≥ 2 and U ≤ 3", Row("plaintext", 2.5, 2.31, 2.72, Verdict.Confirmed)),
        Claim("two-rows", "faster still", Verdict.Refuted, "refuted on 2 of 2 endpoints",
            Row("json", 1.5, 1.41, 1.62, Verdict.Refuted), Row("jwt", 1.25, 1.2, 1.31, Verdict.Refuted)),
    ];

    private static string Print(bool colour)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 240; // one line per row, so each row's cells can be read together
        VerdictTable.Print(Results, console);
        return text.ToString();
    }

    private static string Line(string output, string containing) => output.Split('\n').Single(l => l.Contains(containing));

    [Fact]
    public void A_one_row_claim_shows_its_ratio_bounds_relation_verdict_and_trials_on_its_line()
    {
        var line = Line(Print(colour: false), "one-row");
        Assert.Contains("\"Often 2-3x faster\"", line);
        Assert.Contains("2.50× [2.31–2.72]", line);
        Assert.Contains("rust-axum/go-nethttp requestsPerSecond in [2, 3]", line);
        Assert.Contains("confirmed", line);
        Assert.Contains("5/6", line);
    }

    [Fact]
    public void A_claim_over_several_endpoints_shows_each_row_with_its_own_figures_and_none_of_its_own()
    {
        var output = Print(colour: false);
        Assert.DoesNotContain("×", Line(output, "two-rows")); // no number stands for two rows
        Assert.Contains("1.50× [1.41–1.62]", Line(output, "  json"));
        Assert.Contains("1.25× [1.20–1.31]", Line(output, "  jwt"));
        Assert.Contains("refuted", Line(output, "  jwt"));
    }

    [Fact]
    public void The_table_ends_with_the_tally_and_verdicts_carry_their_colour()
    {
        var output = Print(colour: false).TrimEnd('\n', '\r');
        Assert.EndsWith("2 claims: 1 confirmed, 1 refuted", output);
        var coloured = Print(colour: true);
        Assert.Contains("\u001b[32mconfirmed", coloured); // green
        Assert.Contains("\u001b[91mrefuted", coloured);   // red (Spectre's red is the bright one)
    }
}
