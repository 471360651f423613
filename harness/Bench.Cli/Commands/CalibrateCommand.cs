using Bench.Stats;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bench.Core;
using Bench.Core.Targets;
using Bench.Load;
using Bench.Load.Bound;
using Bench.Load.Monitoring;
using Bench.Runtime.Net;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench calibrate --target NAME`: is the load engine as fast and as honest as wrk on this machine?
/// The target runs pinned to one CPU; the engine and wrk take turns (A B A B ...) on another CPU with the
/// same connections and one thread each, against /plaintext and /json (no database needed). Prints the
/// engine/wrk ratios of req/s, p50 and p99. Exit 1 when the req/s ratio is below the 0.9 floor.
/// First, the engine's ceiling against a fixed-response server (<see cref="CeilingCalibration"/>), saved
/// under $BENCH_CACHE for trials to compare their throughput with.
/// </summary>
internal static partial class CalibrateCommand
{
    private const double Floor = 0.9;

    public static Command Create()
    {
        var target = new Option<string>("--target", "-t") { Description = "target to calibrate against (e.g. rust-axum, go-nethttp)", Required = true };
        var paths = new Option<string>("--paths") { Description = "comma-separated paths", DefaultValueFactory = _ => "/plaintext,/json" };
        var pairs = new Option<int>("--pairs") { Description = "engine+wrk pairs per path (at least 3 for a median)", DefaultValueFactory = _ => 3 };
        var duration = new Option<string>("--duration", "-d") { Description = "length of each run", DefaultValueFactory = _ => "10s" };
        var connections = new Option<int>("--connections", "-c") { Description = "connections for both generators", DefaultValueFactory = _ => 64 };
        var engineCpu = new Option<int>("--engine-cpu") { Description = "CPU for the engine and for wrk", DefaultValueFactory = _ => 0 };
        var targetCpu = new Option<int>("--target-cpu") { Description = "CPU for the target (WORKERS=1)", DefaultValueFactory = _ => 1 };
        var json = new Option<FileInfo?>("--json") { Description = "write every run and the ratios as JSON here" };
        var cmd = new Command("calibrate", "measure the load engine's ceiling, then compare it with wrk (req/s, p50, p99) against one target")
        {
            target, paths, pairs, duration, connections, engineCpu, targetCpu, json,
        };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            if (!DurationText.TryParse(parse.GetValue(duration), out var runLength) || runLength < TimeSpan.FromSeconds(1))
                throw new BenchException($"invalid --duration '{parse.GetValue(duration)}': at least 1s (wrk counts whole seconds)");
            var pairCount = parse.GetValue(pairs);
            if (pairCount < 1) throw new BenchException("--pairs must be at least 1");
            var conns = parse.GetValue(connections);
            if (conns < 1) throw new BenchException("--connections must be at least 1");
            var (cpuE, cpuT) = (parse.GetValue(engineCpu), parse.GetValue(targetCpu));
            if (cpuE == cpuT) throw new BenchException("--engine-cpu and --target-cpu must differ: the point is to keep them apart");
            var pathList = parse.GetValue(paths)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.StartsWith('/') ? p : "/" + p).ToList();
            if (pathList.Count == 0) throw new BenchException("--paths names no path");

            var manifest = TargetCatalog.Load().Get(parse.GetValue(target)!);
            var wrk = await Wrk.EnsureInstalledAsync(token);
            await TargetBuilder.BuildAsync(manifest, token);

            var port = Ports.FreeLoopbackPort();
            var env = new Dictionary<string, string>(manifest.Run.Env)
            {
                ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["BIND"] = "127.0.0.1",
                ["JWT_SECRET"] = Secrets.NewJwtSecret(),
                ["WORKERS"] = "1",
            };
            // await using: the target (its whole process group) is stopped on every exit path, Ctrl-C included
            await using var server = ChildProcess.Start(manifest.Run.Command, manifest.Directory, env, cpuT.ToString(CultureInfo.InvariantCulture), manifest.Name);
            var baseUri = new Uri($"http://127.0.0.1:{port}");
            await WaitUntilServingAsync(server, new Uri(baseUri, pathList[0]), manifest.Name, token);
            CpuAffinity.PinProcess([cpuE]); // the engine's single worker (and everything else here) on the engine CPU

            Console.WriteLine($"Calibrating against {manifest.Name} on CPU {cpuT} (WORKERS=1); engine and wrk on CPU {cpuE}, " +
                              $"{conns} connections, 1 thread, {pairCount} pairs × {DurationText.Format(runLength)} per path (A = engine, B = wrk)");
            var noise = new NoiseMeter(server.Pid);

            Console.WriteLine($"Engine ceiling: the engine against a fixed-response server on CPU {cpuT}, {conns} connections, {pairCount} runs × {DurationText.Format(runLength)}");
            if (await CeilingCalibration.MeasureAsync(cpuE, cpuT, conns, pairCount, runLength, noise, token) is { } ceiling)
            {
                ceiling.Save(EngineCeiling.DefaultPath);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ceiling {ceiling.RequestsPerSecond:0} req/s (median of the quiet runs; engine cpu {ceiling.EngineCpuPercent:0}%), saved to {EngineCeiling.DefaultPath}"));
                Console.WriteLine($"  trials above {EngineBoundRules.MaxCeilingFraction:P0} of it are flagged loadGeneratorBound (nearCeiling)");
            }
            else
            {
                Console.WriteLine($"  no ceiling saved: other processes used over {NoiseMeter.QuietCores} cores during every run, so it would be too low " +
                                  $"and flag sound trials; {EngineCeiling.DefaultPath} is left as it was");
            }
            Console.WriteLine();
            var report = new List<PathReport>();
            foreach (var path in pathList)
            {
                var url = new Uri(baseUri, path);
                // not recorded: warms the target's caches/JIT and the engine's own JIT before the first pair
                await RunEngineAsync(url, conns, TimeSpan.FromSeconds(3), token);
                var runs = new List<PairResult>();
                for (var i = 1; i <= pairCount; i++)
                {
                    await noise.WaitForQuietAsync(token);
                    var mark = noise.Mark();
                    var a = await RunEngineAsync(url, conns, runLength, token) with { OtherLoad = noise.ForeignCoresSince(mark) };
                    token.ThrowIfCancellationRequested();
                    await noise.WaitForQuietAsync(token);
                    mark = noise.Mark();
                    var b = await wrk.RunAsync(url, conns, cpuE, runLength, token) with { OtherLoad = noise.ForeignCoresSince(mark) };
                    runs.Add(new PairResult(i, a, b));
                    Console.WriteLine($"  {path,-12} pair {i}: engine {a.Rps,8:0} req/s p50 {a.P50Us,5:0}us p99 {a.P99Us,6:0}us busy {a.InFlight,5:0.0} cpu {a.CpuPercent,3:0}% other {a.OtherLoad,4:0.00}" +
                                      $" | wrk {b.Rps,8:0} req/s p50 {b.P50Us,5:0}us p99 {b.P99Us,6:0}us busy {b.InFlight,5:0.0} other {b.OtherLoad,4:0.00}{(runs[^1].Quiet ? "" : "  (noisy)")}");
                }
                report.Add(new PathReport(path, runs));
            }

            Console.WriteLine();
            Console.WriteLine($"'busy' = req/s × mean latency (Little's law): how many of the {conns} connections the generator really kept waiting on");
            Console.WriteLine("the target. A closed model's latency at saturation grows with it, so p50 ratios compare like with like only where");
            Console.WriteLine("both keep about the same number busy; a generator that is slow to send again shows lower latency, not better.");
            Console.WriteLine("'other' = CPU used meanwhile by processes that are neither the target nor the generator, in cores;");
            Console.WriteLine($"a pair with more than {NoiseMeter.QuietCores} in either run is noisy and left out of the ratios when quiet pairs exist.");
            Console.WriteLine("engine/wrk ratios, median over the pairs used (min–max):");
            Console.WriteLine($"  {"path",-14}{"pairs",-12}{"req/s",-22}{"p50",-22}{"p99"}");
            foreach (var p in report)
                Console.WriteLine($"  {p.Path,-14}{$"{p.Used.Count} of {p.Runs.Count}",-12}{Ratio(p.Used, r => r.Engine.Rps / r.Wrk.Rps),-22}" +
                                  $"{Ratio(p.Used, r => r.Engine.P50Us / r.Wrk.P50Us),-22}{Ratio(p.Used, r => r.Engine.P99Us / r.Wrk.P99Us)}");
            Console.WriteLine($"goal: req/s ratio ≥ 1.0 (floor {Floor}); p50 within 15 %");

            if (parse.GetValue(json) is { } file)
            {
                var doc = new { target = manifest.Name, connections = conns, durationSeconds = runLength.TotalSeconds, engineCpu = cpuE, targetCpu = cpuT, paths = report };
                await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(doc, LoadResult.JsonOptions), CancellationToken.None);
            }
            var worst = report.Min(p => SampleMedian.Of(p.Used.Select(r => r.Engine.Rps / r.Wrk.Rps)));
            return worst >= Floor ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return cmd;
    }

    private static async Task<RunNumbers> RunEngineAsync(Uri url, int connections, TimeSpan length, CancellationToken ct)
    {
        var r = await LoadEngine.RunAsync(new LoadSpec { Target = url, Connections = connections, Duration = length, Workers = 1 }, ct: ct);
        if (r.Errors.Total > 0) Console.WriteLine($"  note: the engine saw {r.Errors.Total} errors on {url.AbsolutePath}");
        return new RunNumbers(r.RequestsPerSecond, r.Latency.MeanUs, r.Latency.P50Us, r.Latency.P99Us, r.EngineCpuPercent);
    }

    private static async Task WaitUntilServingAsync(ChildProcess server, Uri url, string name, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (server.HasExited) throw new BenchException($"{name} exited during start-up (exit code {server.ExitCode}):{Environment.NewLine}{server.Output}");
            if (await LoadPreflight.CheckReachableAsync(url, TimeSpan.FromSeconds(1), ct) is null) return;
            await Task.Delay(20, ct);
        }
        throw new BenchException($"{name} did not listen within 60 s:{Environment.NewLine}{server.Output}");
    }


    private static string Ratio(IReadOnlyList<PairResult> runs, Func<PairResult, double> ratio)
    {
        var values = runs.Select(ratio).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{SampleMedian.Of(values):0.00} ({values.Min():0.00}–{values.Max():0.00})");
    }

    internal sealed record RunNumbers(double Rps, double MeanUs, double P50Us, double P99Us, double? CpuPercent)
    {
        /// <summary>Requests the generator had waiting on the target, on average (Little's law: L = λW).</summary>
        public double InFlight => Rps * MeanUs / 1e6;

        /// <summary>Cores' worth of CPU used during the run by processes other than the target and the generator.</summary>
        public double OtherLoad { get; init; }
    }

    internal sealed record PairResult(int Pair, RunNumbers Engine, RunNumbers Wrk)
    {
        public bool Quiet => Engine.OtherLoad <= NoiseMeter.QuietCores && Wrk.OtherLoad <= NoiseMeter.QuietCores;
    }

    internal sealed record PathReport(string Path, IReadOnlyList<PairResult> Runs)
    {
        /// <summary>The quiet pairs, or every pair when none was quiet.</summary>
        public IReadOnlyList<PairResult> Used => Runs.Any(r => r.Quiet) ? [.. Runs.Where(r => r.Quiet)] : Runs;
    }

    /// <summary>
    /// Measures what the rest of the machine does during a run (CPU busy time minus the target's, this
    /// process's and its finished children's, i.e. wrk's), and waits for a quiet moment before each run.
    /// </summary>
    internal sealed class NoiseMeter(int targetPid)
    {
        public const double QuietCores = 0.1;
        private bool _warned;

        public readonly record struct Point(TimeSpan Machine, TimeSpan Target, TimeSpan Own, TimeSpan Children, long Wall);

        public Point Mark() => new(MachineCpu.Busy(), ProcessStat.TryRead(targetPid)?.CpuTimeWithChildren ?? TimeSpan.Zero, Environment.CpuUsage.TotalTime,
            MachineCpu.ReapedChildren(), Stopwatch.GetTimestamp());

        public double ForeignCoresSince(Point m)
        {
            var now = Mark();
            var foreign = (now.Machine - m.Machine) - (now.Target - m.Target) - (now.Own - m.Own) - (now.Children - m.Children);
            return Math.Max(0, foreign.TotalSeconds / Stopwatch.GetElapsedTime(m.Wall, now.Wall).TotalSeconds);
        }

        /// <summary>Waits (at most 60 s) until others use less than <see cref="QuietCores"/> over half a second.</summary>
        public async Task WaitForQuietAsync(CancellationToken ct)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                var m = Mark();
                await Task.Delay(500, ct);
                if (ForeignCoresSince(m) <= QuietCores) return;
                if (!_warned) Console.WriteLine("  (the machine is busy with other work: waiting up to 60 s for a quiet moment before each run)");
                _warned = true;
            }
        }
    }

    /// <summary>wrk, installed from the distribution when missing, run pinned and parsed.</summary>
    internal sealed partial class Wrk(string path)
    {
        public static async Task<Wrk> EnsureInstalledAsync(CancellationToken ct)
        {
            if (Find() is { } found) return new Wrk(found);
            Console.Error.WriteLine("wrk is missing: installing it with apt-get (Debian package 'wrk')");
            if (await RunAsync("apt-get", ["install", "-y", "-qq", "wrk"], ct) != 0)
            {
                await RunAsync("apt-get", ["update", "-qq"], ct);
                await RunAsync("apt-get", ["install", "-y", "-qq", "wrk"], ct);
            }
            return Find() is { } installed ? new Wrk(installed)
                : throw new BenchException("wrk is not installed and 'apt-get install -y wrk' failed (root needed): install wrk, then run calibrate again.");
        }

        private static string? Find() =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

        private static async Task<int> RunAsync(string program, string[] args, CancellationToken ct)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                _ = p.StandardOutput.ReadToEndAsync(ct);
                _ = p.StandardError.ReadToEndAsync(ct);
                await p.WaitForExitAsync(ct);
                return p.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception) { return -1; }
        }

        public async Task<RunNumbers> RunAsync(Uri url, int connections, int cpu, TimeSpan length, CancellationToken ct)
        {
            var seconds = (int)Math.Ceiling(length.TotalSeconds);
            var psi = new ProcessStartInfo("taskset", ["-c", cpu.ToString(CultureInfo.InvariantCulture), path, "-t1",
                $"-c{connections}", $"-d{seconds}s", "--latency", url.ToString()]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            using var kill = ct.Register(() => { try { p.Kill(); } catch (InvalidOperationException) { } });
            var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
            await p.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return Parse(await stdout, await stderr);
        }

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")] private static partial Regex RpsLine();
        [GeneratedRegex(@"^\s+Latency\s+([\d.]+)(us|ms|s)\s", RegexOptions.Multiline)] private static partial Regex MeanLine();
        [GeneratedRegex(@"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline)] private static partial Regex PercentileLine();

        /// <summary>
        /// Reads "Requests/sec:", the mean from the thread stats ("Latency   605.93us  228.24us ...") and the
        /// --latency distribution ("50%  473.00us", "99%  1.51ms").
        /// </summary>
        internal static RunNumbers Parse(string output, string errors = "")
        {
            var rps = RpsLine().Match(output);
            if (!rps.Success) throw new BenchException($"unexpected wrk output:{Environment.NewLine}{output}{errors}");
            double p50 = 0, p99 = 0;
            foreach (Match m in PercentileLine().Matches(output))
            {
                var us = Microseconds(m.Groups[2].Value, m.Groups[3].Value);
                if (m.Groups[1].Value == "50") p50 = us; else p99 = us;
            }
            var mean = MeanLine().Match(output) is { Success: true } ml ? Microseconds(ml.Groups[1].Value, ml.Groups[2].Value) : 0;
            if (output.Contains("Non-2xx") || output.Contains("Socket errors"))
                Console.WriteLine($"  note: wrk reported errors: {string.Join("; ", output.Split('\n').Where(l => l.Contains("Non-2xx") || l.Contains("Socket errors")).Select(l => l.Trim()))}");
            return new RunNumbers(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), mean, p50, p99, null);
        }

        private static double Microseconds(string value, string unit) =>
            double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "ms" => 1e3, "s" => 1e6, _ => 1 };
    }
}
