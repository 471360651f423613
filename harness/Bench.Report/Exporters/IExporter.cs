namespace Bench.Report.Exporters;

/// <summary>
/// One output format of a run's report (as BenchmarkDotNet's IExporter or hyperfine's Exporter): every file a report
/// consists of is written by one exporter, through <see cref="ReportFiles"/>, so there is one way out.
/// </summary>
public interface IExporter
{
    /// <summary>Writes its files into <paramref name="folder"/> and returns their paths relative to it.</summary>
    IReadOnlyList<string> Export(ReportContext report, string folder);
}
