using System.CommandLine;
using Bench.Load;
using Bench.Load.Http;
using Bench.Load.Models;
using Bench.Load.Reporting;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench load URL ...`: drives one URL with the load engine, prints a wrk-like summary, writes JSON. Interrupted
/// (Ctrl-C, SIGTERM), the engine stops and the summary and --json cover the time it ran, marked interrupted.
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "http:// URL to load (HTTPS is out of scope)" };
        var connections = new Option<int>("--connections", "-c") { Description = "keep-alive connections", DefaultValueFactory = _ => 64 };
        var duration = new Option<string>("--duration", "-d") { Description = "measured time, e.g. 10s, 1m", DefaultValueFactory = _ => "10s" };
        var warmup = new Option<string>("--warmup") { Description = "unrecorded load before measuring", DefaultValueFactory = _ => "2s" };
        var rate = new Option<double?>("--rate", "-R") { Description = "open model: requests per second (coordinated-omission corrected); default closed model" };
        var rampTo = new Option<double?>("--ramp-to") { Description = "open model: ramp linearly from --rate to this rate over the duration" };
        var method = new Option<string>("--method", "-m") { Description = "HTTP method", DefaultValueFactory = _ => "GET" };
        var body = new Option<FileInfo?>("--body") { Description = "file whose bytes are the request body" };
        var headers = new Option<string[]>("--header", "-H") { Description = "extra header 'Name: value' (repeatable)", AllowMultipleArgumentsPerToken = false };
        var pipeline = new Option<int>("--pipeline") { Description = "requests in flight per connection", DefaultValueFactory = _ => 1 };
        var timeout = new Option<string>("--timeout") { Description = "per-request timeout", DefaultValueFactory = _ => "2s" };
        var cpus = new Option<string?>("--cpus") { Description = "pin the engine to these CPUs first, e.g. 0 or 0-1 (one worker per CPU)" };
        var workers = new Option<int?>("--workers") { Description = "worker threads (default: one per CPU the engine may use)" };
        var maxRequests = new Option<long?>("--max-requests") { Description = "send exactly this many requests, then stop (no warmup)" };
        var expectBody = new Option<string?>("--expect-body") { Description = "check 1 response in 16 has exactly this body" };
        var json = new Option<FileInfo?>("--json") { Description = "write the result as JSON here (and the latency histogram beside it as .hlog)" };

        var cmd = new Command("load", "load one URL with the engine and report throughput, latency and errors")
        {
            url, connections, duration, warmup, rate, rampTo, method, body, headers, pipeline, timeout, cpus, workers, maxRequests, expectBody, json,
        };
        cmd.SetAction((parse, parseToken) => CommandRunner.RunAsync(async ct =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            int Bad(string message)
            {
                stderr.WriteLine($"bench load: {message}");
                return ExitCodes.BadInput;
            }

            var target = LoadPreflight.ParseUrl(parse.GetValue(url)!, out var urlError);
            if (target is null) return Bad(urlError);
            if (!DurationText.TryParse(parse.GetValue(duration), out var durationValue) || durationValue <= TimeSpan.Zero)
                return Bad($"invalid --duration '{parse.GetValue(duration)}': expected a positive duration such as 10s, 500ms or 1m");
            if (!DurationText.TryParse(parse.GetValue(warmup), out var warmupValue))
                return Bad($"invalid --warmup '{parse.GetValue(warmup)}': expected a duration such as 2s or 0s");
            if (!DurationText.TryParse(parse.GetValue(timeout), out var timeoutValue) || timeoutValue <= TimeSpan.Zero)
                return Bad($"invalid --timeout '{parse.GetValue(timeout)}': expected a positive duration such as 2s");
            if (parse.GetValue(rampTo) is not null && parse.GetValue(rate) is null)
                return Bad("--ramp-to needs --rate (the rate the ramp starts from)");
            if (parse.GetValue(rate) is { } r && (!(r > 0) || double.IsInfinity(r)))
                return Bad($"invalid --rate {r}: expected a positive number of requests per second");
            if (parse.GetValue(rampTo) is { } r2 && (!(r2 >= 0) || double.IsInfinity(r2)))
                return Bad($"invalid --ramp-to {r2}: expected a number of requests per second");

            var headerList = new List<KeyValuePair<string, string>>();
            foreach (var h in parse.GetValue(headers) ?? [])
            {
                if (!RequestTemplate.TryParseHeader(h, out var kv)) return Bad($"invalid --header '{h}': expected 'Name: value'");
                headerList.Add(kv);
            }
            byte[] bodyBytes = [];
            if (parse.GetValue(body) is { } bodyFile)
            {
                if (!bodyFile.Exists) return Bad($"--body file '{bodyFile.FullName}' does not exist");
                bodyBytes = await File.ReadAllBytesAsync(bodyFile.FullName, ct);
            }
            if (parse.GetValue(cpus) is { } cpuText)
            {
                if (!CpuAffinity.TryParse(cpuText, out var cpuList, out var cpuError)) return Bad(cpuError);
                try { CpuAffinity.PinProcess(cpuList); }
                catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException) { return Bad(e.Message); }
            }

            LoadSpec spec;
            try
            {
                var rateValue = parse.GetValue(rate);
                spec = new LoadSpec
                {
                    Target = target,
                    Requests = RequestPool.Single(new RequestTemplate(target, parse.GetValue(method)!, headerList, bodyBytes)),
                    Connections = parse.GetValue(connections),
                    Duration = durationValue,
                    Warmup = parse.GetValue(maxRequests) is null ? warmupValue : TimeSpan.Zero,
                    Model = rateValue is { } rv ? LoadModel.Ramp(rv, parse.GetValue(rampTo) ?? rv) : LoadModel.Closed,
                    PipelineDepth = parse.GetValue(pipeline),
                    RequestTimeout = timeoutValue,
                    Workers = parse.GetValue(workers),
                    MaxRequests = parse.GetValue(maxRequests),
                    Ceiling = Bench.Load.Bound.EngineCeiling.Load(Bench.Load.Bound.EngineCeiling.DefaultPath),
                    Validator = parse.GetValue(expectBody) is { } expected ? ResponseValidator.ExpectBody(expected, sampleEvery: 16) : null,
                };
                spec.Validate();
            }
            catch (ArgumentException e)
            {
                return Bad(e.Message);
            }

            // Every connection is an open file: a hard limit below them is one line now, not EMFILE mid-run.
            try { Bench.Runtime.Processes.OpenFileBudget.Prepare(spec.Connections); }
            catch (Bench.Core.BenchException e) { return Bad(e.Message); }

            // One connect before the run: a typo'd port should be one clear line, not 10 s of refused connects.
            if (await LoadPreflight.CheckReachableAsync(target, TimeSpan.FromSeconds(Math.Min(5, timeoutValue.TotalSeconds)), ct) is { } unreachable)
                return Bad(unreachable);

            var workerCount = Math.Min(spec.Workers ?? CpuAffinity.AllowedCpuCount(), spec.Connections);
            stdout.WriteLine(LoadReport.Header(spec, workerCount, CpuAffinity.AllowedCpuList()));
            var progress = new SyncProgress(s => stdout.WriteLine(LoadReport.Second(s)));
            var result = await LoadEngine.RunAsync(spec, progress, ct);
            stdout.WriteLine(LoadReport.Summary(result));

            if (parse.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllTextAsync(jsonFile.FullName, result.ToJson(), CancellationToken.None);
                result.SaveHlog(Path.ChangeExtension(jsonFile.FullName, ".hlog"));
                stdout.WriteLine($"Wrote {jsonFile.FullName} and {Path.ChangeExtension(jsonFile.Name, ".hlog")}");
            }
            if (result.Cancelled) return ExitCodes.Interrupted(Bench.Runtime.Processes.Cleanup.InterruptedBy);
            return result.Requests > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }, parseToken));
        return cmd;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, reordering lines).</summary>
    private sealed class SyncProgress(Action<LoadSecond> report) : IProgress<LoadSecond>
    {
        public void Report(LoadSecond value) => report(value);
    }
}
