using System.CommandLine;
using Bench.Cli.Views;
using Bench.Core;
using Bench.Core.Scenarios;
using Bench.Pipeline;
using Bench.Pipeline.Results;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench run`: every scenario × trial × target, each trial on a fresh target, results appended to
/// DIR/results.json as they finish, a summary table at the end.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--targets") { Description = "targets to measure, comma-separated (default: all)", AllowMultipleArgumentsPerToken = true };
        var scenarios = new Option<string?>("--scenarios") { Description = $"scenario file or name under scenarios/ (default: {ScenarioCatalog.DefaultSet})" };
        var runtime = new Option<string>("--runtime") { Description = "where targets run: local (child processes) or docker", DefaultValueFactory = _ => "local" };
        runtime.AcceptOnlyFromAmong("local", "docker");
        var trials = new Option<int>("--trials") { Description = "trials per target and scenario", DefaultValueFactory = _ => 1 };
        var quick = new Option<bool>("--quick") { Description = $"short windows ({RunContext.QuickDuration.TotalSeconds:0} s after {RunContext.QuickWarmup.TotalSeconds:0} s warmup) for a first look" };
        var outDir = new Option<string?>("--out") { Description = "results folder (default: results/<UTC timestamp>)" };
        var engineCpus = new Option<string?>("--engine-cpus") { Description = "CPUs for the load engine (default: the first half)" };
        var targetCpus = new Option<string?>("--target-cpus") { Description = "CPUs for the target and the database (default: the second half)" };
        var poolSize = new Option<int>("--db-pool-size") { Description = "DB_POOL_SIZE every target gets", DefaultValueFactory = _ => 16 };
        var dockerHost = new Option<string?>("--docker-host") { Description = "Docker endpoint, unix:// or tcp:// (default: DOCKER_HOST or the local socket; TLS via DOCKER_CERT_PATH/DOCKER_TLS_VERIFY)" };
        var memory = new Option<string?>("--memory") { Description = "memory limit of each target, e.g. 1g (default 1g; with a CPU quota of the target CPU set's size; cgroups locally)" };
        var retries = new Option<int>("--retries") { Description = "times a trial the machine disturbed (CPU steal, throttling, other processes on the pinned cores) is run again", DefaultValueFactory = _ => 2 };
        var databaseUrl = CommonOptions.DatabaseUrl();
        var cmd = new Command("run", "measure the targets under the scenarios and write results.json")
        {
            targets, scenarios, runtime, trials, quick, outDir, engineCpus, targetCpus, poolSize, dockerHost, memory, retries, databaseUrl,
        };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            // Everything that can be wrong with the input is checked before anything is built or started.
            var selected = CommonOptions.SelectTargets(parse.GetValue(targets));
            var scenarioList = ScenarioCatalog.Load(parse.GetValue(scenarios));
            var trialCount = parse.GetValue(trials);
            if (trialCount < 1) throw new BenchException($"--trials must be at least 1 (got {trialCount}).");
            var pool = parse.GetValue(poolSize);
            if (pool is < 1 or > 150) throw new BenchException($"--db-pool-size must be 1..150 (got {pool}).");
            var retryCount = parse.GetValue(retries);
            if (retryCount is < 0 or > 10) throw new BenchException($"--retries must be 0..10 (got {retryCount}).");
            var cpus = CpuLayout.From(parse.GetValue(engineCpus), parse.GetValue(targetCpus));
            var dir = OutputFolder(parse.GetValue(outDir));
            var runtimeName = parse.GetValue(runtime)!;
            var memoryText = parse.GetValue(memory);
            if (runtimeName != "docker" && parse.GetValue(dockerHost) is not null)
                throw new BenchException("--docker-host applies to --runtime docker only.");
            var runtimeOptions = new RuntimeOptions(parse.GetValue(dockerHost),
                memoryText is not null ? ByteSize.Parse(memoryText, "--memory") : 1L << 30);
            foreach (var target in selected) Toolchain.Require(target);

            foreach (var target in selected)
            {
                var built = await TargetBuilder.BuildAsync(target, token);
                Console.Error.WriteLine($"built {target.Name} in {built.Elapsed.TotalSeconds:0.0} s ({Format.Bytes(built.ArtifactBytes)})");
            }

            await using var setup = await RuntimeSetup.CreateAsync(runtimeName, runtimeOptions, Path.GetFileName(dir), parse.GetValue(databaseUrl), cpus, token);
            var context = new RunContext
            {
                Database = setup.Database,
                JwtSecret = Secrets.NewJwtSecret(),
                Cpus = cpus,
                DbPoolSize = pool,
                Quick = parse.GetValue(quick),
                DatabaseKind = setup.DatabaseKind,
                EngineCeiling = Bench.Load.Bound.EngineCeiling.Load(Bench.Load.Bound.EngineCeiling.DefaultPath),
                Retries = retryCount,
            };
            Console.Error.WriteLine($"engine on CPU {cpus.EngineCpus}, targets and database on CPU {cpus.TargetCpus}; results in {dir}");
            Console.Error.WriteLine($"each target: {setup.Runtime.Limits}");
            var resultsFile = Path.Combine(dir, ResultsStore.FileName);
            ResultsStore store;
            try
            {
                store = await new RunOrchestrator(setup.Runtime, context, new RunConsole())
                    .RunAsync(selected, scenarioList, trialCount, dir, token);
            }
            catch (Exception) when (File.Exists(resultsFile))
            {
                Console.Error.WriteLine($"bench: the run ended early; the trials it finished are in {resultsFile} (marked as such)");
                throw;
            }

            MachineLine.Print(store.Machine, store.NoiseFloor);
            RunSummaryTable.Print(store.Trials);
            if (context.Quick)
                Console.WriteLine($"--quick: {RunContext.QuickWarmup.TotalSeconds:0} s warmups, {RunContext.QuickDuration.TotalSeconds:0} s windows. " +
                                  "JIT-compiled targets (ASP.NET Core above all) are far from steady state this early: run without --quick for figures to quote.");
            Console.WriteLine($"results: {store.ResultsPath}");
            return store.Trials.Any(t => t.Failure is not null) ? ExitCodes.Failed : ExitCodes.Ok;
        }, ct));
        return cmd;
    }

    private static string OutputFolder(string? requested)
    {
        var dir = Path.GetFullPath(requested ?? Path.Combine(RepoPaths.Results, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")));
        if (File.Exists(Path.Combine(dir, ResultsStore.FileName)))
            throw new BenchException($"{dir} already holds a {ResultsStore.FileName}: choose another --out (results are never overwritten).");
        return dir;
    }
}
