using Bench.Stats;
using System.Globalization;
using Bench.Load;
using Bench.Load.Bound;
using Bench.Load.Calibration;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench calibrate`'s first part: the engine against a server that does nothing but answer
/// (<see cref="FixedResponseServer"/>, on the target's CPU), as configured for trials (one worker, pipeline 1).
/// The median req/s of the runs the rest of the machine left alone is the engine's ceiling here; trials
/// near it are flagged engine-bound. Runs beside other work would give too low a ceiling and are left out.
/// </summary>
internal static class CeilingCalibration
{
    /// <summary>The ceiling from the quiet runs, or null when every run shared the machine with other work.</summary>
    public static async Task<EngineCeiling?> MeasureAsync(int engineCpu, int serverCpu, int connections, int runs, TimeSpan length,
        CalibrateCommand.NoiseMeter noise, CancellationToken ct)
    {
        using var server = new FixedResponseServer(serverCpu);
        var spec = new LoadSpec { Target = server.Url, Connections = connections, Workers = 1, PipelineDepth = 1, Duration = TimeSpan.FromSeconds(2) };
        await LoadEngine.RunAsync(spec, ct: ct); // not recorded: the engine's JIT and the sockets warm up
        var results = new List<LoadResult>();
        for (var i = 1; i <= runs; i++)
        {
            await noise.WaitForQuietAsync(ct);
            var mark = noise.Mark();
            var r = await LoadEngine.RunAsync(spec with { Duration = length }, ct: ct);
            ct.ThrowIfCancellationRequested();
            var other = noise.ForeignCoresSince(mark);
            var quiet = other <= CalibrateCommand.NoiseMeter.QuietCores;
            if (r.Errors.Total > 0) Console.WriteLine($"  note: {r.Errors.Total} errors against the fixed-response server");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ceiling run {i}: {r.RequestsPerSecond,8:0} req/s p50 {r.Latency.P50Us,5}us engine cpu {r.EngineCpuPercent,3:0}% other {other,4:0.00}{(quiet ? "" : "  (noisy: not used)")}"));
            // a run that shared the machine measures the machine's other work too: its ceiling would be too low
            if (quiet && r.Errors.Total == 0) results.Add(r);
        }
        if (results.Count == 0) return null;
        return new EngineCeiling
        {
            MeasuredUtc = DateTime.UtcNow,
            RequestsPerSecond = Math.Round(SampleMedian.Of(results.Select(r => r.RequestsPerSecond)), 1),
            EngineCpuPercent = Math.Round(SampleMedian.Of(results.Select(r => r.EngineCpuPercent)), 1),
            EngineCpus = engineCpu.ToString(CultureInfo.InvariantCulture),
            ServerCpu = serverCpu,
            Connections = connections,
            PipelineDepth = 1,
            Workers = 1,
            Runs = [.. results.Select(r => r.RequestsPerSecond)],
        };
    }

}
