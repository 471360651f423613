using Bench.Charts.Data;
using Bench.Charts.Plots;
using Bench.Core.Claims;

namespace Bench.Charts;

/// <summary>Every chart of a run, in the order a report shows them: claims, then per scenario, then resources.</summary>
public static class RunCharts
{
    /// <param name="catalog">the claims catalog, for the claimed bands (null: the forest plot shows no band)</param>
    public static IReadOnlyList<Chart> Create(RunFigures run, ClaimCatalog? catalog)
    {
        ChartFont.Register();
        var charts = new List<Chart?> { ClaimsChart.Create(run, catalog) };
        foreach (var scenario in run.LoadScenarios)
        {
            charts.Add(ThroughputChart.Create(run, scenario));
            charts.Add(LatencySpectrumChart.Create(run, scenario));
            charts.Add(LatencyOverTimeChart.Create(run, scenario));
        }
        charts.AddRange(ResourcesCharts.Create(run));
        return [.. charts.OfType<Chart>()];
    }
}
