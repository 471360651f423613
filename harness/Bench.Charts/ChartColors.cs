using Bench.Stats.Verdicts;
using ScottPlot;

namespace Bench.Charts;

/// <summary>Colours that mean the same in every chart: one per target (by its place in the run), one per verdict.</summary>
public static class ChartColors
{
    // Tableau 10 (ScottPlot's Category10 order), readable on white and by most colour-blind readers.
    private static readonly Color[] Targets =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    public static Color Target(int index) => Targets[index % Targets.Length];

    /// <summary>Flagged trials: drawn as a cross in this colour over the target's dot.</summary>
    public static Color Flagged { get; } = Color.FromHex("#000000");

    public static Color Of(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => Color.FromHex("#2ca02c"),
        Verdict.Exceeded => Color.FromHex("#1f77b4"),
        Verdict.Refuted => Color.FromHex("#d62728"),
        Verdict.Inconclusive => Color.FromHex("#ff7f0e"),
        Verdict.Disturbed => Color.FromHex("#9467bd"),
        _ => Color.FromHex("#7f7f7f"),
    };

    /// <summary>The claimed band behind each claim's row.</summary>
    public static Color Band { get; } = Color.FromHex("#2ca02c").WithAlpha(0.18);
}
