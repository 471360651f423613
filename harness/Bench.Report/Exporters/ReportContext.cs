using Bench.Charts;
using Bench.Charts.Data;
using Bench.Report.Document;

namespace Bench.Report.Exporters;

/// <summary>What every exporter reads: the run, its charts and the report's content. Each chart's SVG is drawn once and shared.</summary>
public sealed class ReportContext(RunFigures run, IReadOnlyList<Chart> charts, ReportDocument document)
{
    private readonly Dictionary<string, string> _svg = [];

    public RunFigures Run { get; } = run;
    public IReadOnlyList<Chart> Charts { get; } = charts;
    public ReportDocument Document { get; } = document;

    public string Svg(Chart chart)
    {
        if (!_svg.TryGetValue(chart.Name, out var svg)) _svg[chart.Name] = svg = chart.Svg();
        return svg;
    }
}
