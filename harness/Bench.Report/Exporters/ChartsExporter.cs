using Bench.Charts;

namespace Bench.Report.Exporters;

/// <summary>
/// Every chart as charts/NAME.png and charts/NAME.svg: the PNGs for wikis that take images, the SVGs for print. A chart an
/// earlier report drew and this one does not (the run got its claims since, say) is removed, so the folder never shows a
/// chart of figures the report no longer stands behind.
/// </summary>
public sealed class ChartsExporter : IExporter
{
    public IReadOnlyList<string> Export(ReportContext report, string folder)
    {
        var written = new List<string>();
        foreach (var chart in report.Charts)
        {
            ReportFiles.Write(Path.Combine(folder, chart.PngFile), chart.Png());
            ReportFiles.Write(Path.Combine(folder, chart.SvgFile), report.Svg(chart));
            written.Add(chart.PngFile);
            written.Add(chart.SvgFile);
        }
        var charts = Path.Combine(folder, Chart.Folder);
        if (Directory.Exists(charts))
            foreach (var stale in Directory.EnumerateFiles(charts).Where(f => f.EndsWith(".png") || f.EndsWith(".svg"))
                         .Where(f => !written.Contains($"{Chart.Folder}/{Path.GetFileName(f)}")).ToList())
                File.Delete(stale);
        return written;
    }
}
