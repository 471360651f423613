using System.Globalization;
using System.Text;

namespace Bench.Load.Reporting;

/// <summary>Console text for a run, in the spirit of wrk's summary.</summary>
public static class LoadReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"1.23ms", "456us", "2.10s".</summary>
    public static string Micros(double us) =>
        us < 1000 ? $"{us.ToString("0.##", Inv)}us"
        : us < 1_000_000 ? $"{(us / 1000).ToString("0.00", Inv)}ms"
        : $"{(us / 1_000_000).ToString("0.00", Inv)}s";

    public static string Header(LoadSpec spec, int workers, string cpus)
    {
        var model = spec.Model is Models.RampModel r
            ? r.IsConstant ? $"open model, {r.FromRequestsPerSecond.ToString("0.##", Inv)} req/s"
                : $"open model, ramp {r.FromRequestsPerSecond.ToString("0.##", Inv)} → {r.ToRequestsPerSecond.ToString("0.##", Inv)} req/s"
            : "closed model";
        var length = spec.MaxRequests is { } max ? $"{max} requests (at most {DurationText.Format(spec.Duration)})" : $"{DurationText.Format(spec.Duration)} test";
        var warmup = spec.Warmup > TimeSpan.Zero ? $", warmup {DurationText.Format(spec.Warmup)}" : "";
        return $"Running {length} @ {spec.Target}{warmup}\n" +
               $"  {workers} worker(s) on CPU {cpus}, {spec.Connections} connections, pipeline {spec.PipelineDepth}, {model}";
    }

    public static string Second(LoadSecond s) =>
        string.Create(Inv, $"  [{s.Second + 1,3}s{(s.Warmup ? " warmup" : "")}] {s.Requests,9} req/s  p50 {Micros(s.P50Us),9}  p99 {Micros(s.P99Us),9}  errors {s.Errors}  cpu {s.EngineCpuPercent:0}%");

    public static string Summary(LoadResult r)
    {
        var l = r.Latency;
        var sb = new StringBuilder();
        sb.AppendLine("  Latency      mean     stdev       p50       p75       p90       p99     p99.9    p99.99       max");
        sb.Append("           ");
        foreach (var v in new double[] { l.MeanUs, l.StdevUs, l.P50Us, l.P75Us, l.P90Us, l.P99Us, l.P999Us, l.P9999Us, l.MaxUs })
            sb.Append(Micros(v).PadLeft(10));
        sb.AppendLine();
        sb.AppendLine(string.Create(Inv, $"  {r.Requests} successful requests in {r.DurationSeconds:0.00}s, {r.Errors.Total} errors, {r.Reconnects} reconnects{(r.Cancelled ? " (interrupted)" : "")}"));
        if (r.Errors.Total > 0)
        {
            var status = string.Join(" ", r.Errors.Status.Select(kv => $"{kv.Key}:{kv.Value}"));
            sb.AppendLine($"  Errors: connect refused {r.Errors.ConnectRefused}, reset {r.Errors.Reset}, timeout {r.Errors.Timeout}, " +
                          $"status {r.Errors.StatusTotal}{(status.Length > 0 ? $" ({status})" : "")}, body mismatch {r.Errors.BodyMismatch}, other {r.Errors.Other}");
        }
        if (r.OpenModel is { } o)
            sb.AppendLine($"  Schedule: {o.Scheduled} scheduled, {o.Sent} sent, {o.MissedSchedule} sent > {Micros(o.MissedScheduleThresholdUs)} late, " +
                          $"max backlog {o.MaxBacklog}, backlog at end {o.BacklogAtEnd}");
        sb.AppendLine(string.Create(Inv, $"Requests/sec: {r.RequestsPerSecond,12:0.00}"));
        sb.AppendLine(string.Create(Inv, $"Engine alloc: {r.EngineAllocatedBytesPerRequest,12:0.00} B/request"));
        sb.Append(string.Create(Inv, $"Engine CPU:   {r.EngineCpuPercent,11:0.0}% of CPU {r.EngineCpus}"));
        if (r.EngineBound is { Evidence: var e } b)
        {
            sb.AppendLine();
            sb.Append(string.Create(Inv, $"Engine wait:  {e.EngineWaitUs,10:0.0}us/request ({e.EngineWaitShare:P0} of the cycle), busy connections {e.BusyConnections:0.00}, run queue {e.RunQueueShare:P0}, ceiling {e.CeilingFraction:P0}"));
            if (b.Bound)
                sb.Append($"{Environment.NewLine}  — LOAD GENERATOR BOUND ({string.Join(", ", b.Reasons)}): these numbers may describe the generator, not the server; throughput is a lower bound");
        }
        return sb.ToString();
    }
}
