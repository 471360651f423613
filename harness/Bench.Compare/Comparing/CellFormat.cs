using System.Globalization;
using Bench.Core.Claims;
using Bench.Stats.Comparisons;

namespace Bench.Compare.Comparing;

/// <summary>How a cell's figures read, the same in the console table and in compare.md.</summary>
public static class CellFormat
{
    public static string Value(double v, ClaimMetric metric) => double.IsNaN(v) ? "n/a" : $"{Number(v)} {metric.Unit()}";

    /// <summary>"0.70× [0.66–0.74]", or the ratio alone when there are no bounds.</summary>
    public static string Ratio(MetricChange change) => change.Estimate is not { } e ? ""
        : change.Lower is { } l && change.Upper is { } u ? $"{e:0.000}× [{l:0.000}–{u:0.000}]" : $"{e:0.000}×";

    /// <summary>The change as a signed percentage of BASELINE ("−30.0 %").</summary>
    public static string Percent(double ratio) => (ratio - 1).ToString("+0.0 %;−0.0 %;0.0 %", CultureInfo.InvariantCulture);

    public static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "#,0" : Math.Abs(v) >= 1 ? "0.00" : "0.000", CultureInfo.InvariantCulture);

    /// <summary>Regressions first: what a reader of a failed nightly looks for.</summary>
    public static int Order(Change change) => change switch
    {
        Change.Slower => 0,
        Change.Faster => 1,
        Change.Inconclusive => 2,
        Change.NotComparable => 3,
        _ => 4,
    };
}
