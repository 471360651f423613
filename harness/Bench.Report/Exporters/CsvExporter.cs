using System.Globalization;
using System.Text;
using Bench.Pipeline.Results;
using Bench.Report.Document;

namespace Bench.Report.Exporters;

/// <summary>
/// report.csv: one row per trial, every attempt included (with `counted` saying which are the targets' figures), for
/// spreadsheet users. RFC 4180: comma-separated, quoted where needed, a header row; numbers culture-invariant and
/// unrounded; empty where results.json has no value.
/// </summary>
public sealed class CsvExporter : IExporter
{
    public const string FileName = "report.csv";

    private static readonly (string Header, Func<TrialResult, object?> Value)[] Columns =
    [
        ("scenario", t => t.Scenario), ("target", t => t.Target), ("trial", t => t.Trial), ("attempt", t => t.Attempt),
        ("arm", t => t.Arm is { } arm ? Text.Json(arm) : null), ("position", t => t.Position),
        ("counted", t => t.IsTargetsFigure), ("retried", t => t.Retried == true), ("startedUtc", t => t.StartedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        ("failure", t => t.Failure), ("flags", t => string.Join(';', t.Flags)),
        ("requestsPerSecond", t => t.RequestsPerSecond), ("requests", t => t.Requests), ("durationSeconds", t => t.DurationSeconds),
        ("latencyCount", t => t.Latency?.Count), ("meanUs", t => t.Latency?.MeanUs), ("p50Us", t => t.Latency?.P50Us), ("p90Us", t => t.Latency?.P90Us),
        ("p99Us", t => t.Latency?.P99Us), ("p999Us", t => t.Latency?.P999Us), ("p9999Us", t => t.Latency?.P9999Us), ("maxUs", t => t.Latency?.MaxUs),
        ("errors", t => t.Errors?.Total), ("timeouts", t => t.Errors?.Timeout), ("unfinishedAtEnd", t => t.UnfinishedAtEnd),
        ("loadGeneratorBound", t => t.LoadGeneratorBound), ("engineCpuPercent", t => t.EngineCpuPercent), ("warmupSeconds", t => t.WarmupSeconds),
        ("startupMs", t => t.StartupMs), ("idleRssBytes", t => t.IdleRssBytes), ("peakRssBytes", t => t.PeakRssBytes),
        ("memorySource", t => t.MemorySource is { } m ? Text.Json(m) : null), ("targetCpuSeconds", t => t.TargetCpuSeconds),
        ("requestsPerCpuSecond", t => t.RequestsPerCpuSecond), ("databaseCpuSeconds", t => t.DatabaseCpuSeconds),
        ("requestsPerCpuSecondWithDatabase", t => t.RequestsPerCpuSecondWithDatabase), ("artifactBytes", t => t.ArtifactBytes),
        ("histogramFile", t => t.HistogramFile),
    ];

    public IReadOnlyList<string> Export(ReportContext report, string folder)
    {
        ReportFiles.Write(Path.Combine(folder, FileName), Render(report.Run.Run));
        return [FileName];
    }

    public static string Render(RunResults run)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(c => c.Header)).Append("\r\n");
        foreach (var trial in run.Trials)
            csv.AppendJoin(',', Columns.Select(c => Field(c.Value(trial)))).Append("\r\n");
        return csv.ToString();
    }

    internal static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
