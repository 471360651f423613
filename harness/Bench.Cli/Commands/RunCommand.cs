using System.CommandLine;
using Bench.Cli.Views;
using Bench.Core;
using Bench.Core.Claims;
using Bench.Core.Scenarios;
using Bench.Core.Targets;
using Bench.Pipeline;
using Bench.Pipeline.Results;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench run`: every scenario × trial × target, each trial on a fresh target, results appended to
/// DIR/results.json as they finish; when the run completes, every catalog claim judged from its trials into
/// results.json's claims[], and the console ends with the summary and the verdict table.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--targets") { Description = "targets to measure, comma-separated (default: all)", AllowMultipleArgumentsPerToken = true };
        var scenarios = new Option<string[]>("--scenarios") { Description = $"scenarios, comma-separated or repeated: YAML file paths, file names under scenarios/, or scenario names (default: {ScenarioCatalog.DefaultSet})", AllowMultipleArgumentsPerToken = true };
        var runtime = new Option<string>("--runtime") { Description = "where targets run: local (child processes) or docker", DefaultValueFactory = _ => "local" };
        runtime.AcceptOnlyFromAmong("local", "docker");
        var trials = new Option<int?>("--trials") { Description = $"trials per target and scenario, each in a fresh target's session (default {RunContext.DefaultTrials}, --quick {RunContext.QuickTrials}; a scenario may ask for more)" };
        var quick = new Option<bool>("--quick") { Description = $"a first verdict on every claim in minutes: only the cells the claims read, short windows (each scenario's quick timing, else {RunContext.QuickDuration.TotalMilliseconds:0} ms after a {RunContext.QuickWarmup.TotalMilliseconds:0} ms warmup)" };
        var outDir = new Option<string?>("--out") { Description = "results folder (default: results/<UTC timestamp>)" };
        var engineCpus = new Option<string?>("--engine-cpus") { Description = "CPUs for the load engine (default: the first half)" };
        var targetCpus = new Option<string?>("--target-cpus") { Description = "CPUs for the target and the database (default: the second half)" };
        var poolSize = new Option<int>("--db-pool-size") { Description = "DB_POOL_SIZE every target gets", DefaultValueFactory = _ => 16 };
        var dockerHost = new Option<string?>("--docker-host") { Description = "Docker endpoint, unix:// or tcp:// (default: DOCKER_HOST or the local socket; TLS via DOCKER_CERT_PATH/DOCKER_TLS_VERIFY)" };
        var memory = new Option<string?>("--memory") { Description = "memory limit of each target, e.g. 1g (default 1g; with a CPU quota of the target CPU set's size; cgroups locally)" };
        var retries = new Option<int>("--retries") { Description = "times a trial the machine disturbed (CPU steal, throttling, other processes on the pinned cores) is run again", DefaultValueFactory = _ => 2 };
        var planOnly = new Option<bool>("--plan") { Description = "print the plan (sessions, trials, expected duration) and exit: nothing is built or started" };
        var resume = new Option<string?>("--resume") { Description = "continue the interrupted or killed run in DIR (give the options it had): the trials its results.json holds are not run again" };
        var force = new Option<bool>("--force") { Description = "with --resume: continue even where the settings, the machine or the harness commit differ from the stored run's (recorded in its resumes[])" };
        var databaseUrl = CommonOptions.DatabaseUrl();
        var claimsFile = ClaimsCommand.CatalogOption();
        var cmd = new Command("run", "measure the targets under the scenarios, judge the claims and write results.json")
        {
            targets, scenarios, runtime, trials, quick, outDir, engineCpus, targetCpus, poolSize, dockerHost, memory, retries, planOnly, databaseUrl, claimsFile, resume, force,
        };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            // Everything that can be wrong with the input is checked before anything is built or started.
            var selected = CommonOptions.SelectTargets(parse.GetValue(targets));
            var scenarioList = ScenarioSelection.Load(parse.GetValue(scenarios));
            ScenarioCatalog.CheckRateSources(scenarioList);
            var claims = ClaimCatalogLoader.Load(parse.GetValue(claimsFile), new ClaimCatalogLoader.KnownNames(
                TargetCatalog.Load().All.Select(t => t.Name).ToList(),
                ScenarioSelection.DefinedNames().Union(scenarioList.Select(s => s.Name)).ToHashSet()));
            var isQuick = parse.GetValue(quick);
            var trialCount = parse.GetValue(trials) ?? (isQuick ? RunContext.QuickTrials : RunContext.DefaultTrials);
            if (trialCount < 1) throw new BenchException($"--trials must be at least 1 (got {trialCount}).");
            var pool = parse.GetValue(poolSize);
            if (pool is < 1 or > 150) throw new BenchException($"--db-pool-size must be 1..150 (got {pool}).");
            Bench.Runtime.Processes.OpenFileBudget.Prepare(scenarioList.Max(s => s.Load.Connections), pool);
            var retryCount = parse.GetValue(retries);
            if (retryCount is < 0 or > 10) throw new BenchException($"--retries must be 0..10 (got {retryCount}).");
            var named = parse.GetValue(targets) is { Length: > 0 };
            var cpus = CpuLayout.From(parse.GetValue(engineCpus), parse.GetValue(targetCpus));
            var runtimeName = parse.GetValue(runtime)!;
            var cells = ClaimCells.Trials(claims, scenarioList, trialCount, isQuick, selected, named, RunContext.Here(cpus, runtimeName));
            if (ClaimCells.Unmeasured(cells, scenarioList, selected) is { Count: > 0 } unmeasured)
                Console.Error.WriteLine($"not measured: {string.Join(", ", unmeasured)}: " + (isQuick
                    ? "--quick measures the cells of the claims this run can judge, without companions; --targets naming it, or a run without --quick, measures it"
                    : "no claim reads it, and its target.yaml says coverage: claims, so a run measures it only when --targets names it") + ".");
            if (parse.GetValue(planOnly))
            {
                new RunConsole().Planned(RunEstimate.Of(RunPlan.Create(scenarioList, selected, trialCount, noiseFloor: true, cells, claims.NoiseFloorTarget), isQuick));
                return ExitCodes.Ok;
            }
            var resumeRequest = ResumeFrom(parse.GetValue(resume), parse.GetValue(outDir), parse.GetValue(force));
            var dir = resumeRequest is null ? OutputFolder(parse.GetValue(outDir)) : Path.GetFullPath(parse.GetValue(resume)!);
            if (resumeRequest is not null) WritableFolder.Check(dir, "--resume");
            var memoryText = parse.GetValue(memory);
            if (runtimeName != "docker" && parse.GetValue(dockerHost) is not null)
                throw new BenchException("--docker-host applies to --runtime docker only.");
            var runtimeOptions = new RuntimeOptions(parse.GetValue(dockerHost),
                memoryText is not null ? ByteSize.Parse(memoryText, "--memory") : 1L << 30);
            await DatabaseProvisioner.CheckReachableAsync(parse.GetValue(databaseUrl), token);
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
                Quick = isQuick,
                TargetsNamed = named,
                DatabaseKind = setup.DatabaseKind,
                EngineCeiling = Bench.Load.Bound.EngineCeiling.Load(Bench.Load.Bound.EngineCeiling.DefaultPath),
                Retries = retryCount,
                Claims = claims,
                ClaimsFile = ClaimsFile.Of(parse.GetValue(claimsFile) ?? ClaimCatalogLoader.DefaultPath),
            };
            Console.Error.WriteLine($"engine on CPU {cpus.EngineCpus}, targets and database on CPU {cpus.TargetCpus}; results in {dir}");
            Console.Error.WriteLine($"each target: {setup.Runtime.Limits}");
            var resultsFile = Path.Combine(dir, ResultsStore.FileName);
            ResultsStore store;
            try
            {
                store = await new RunConsole().ShowAsync(observer => new RunOrchestrator(setup.Runtime, context, observer)
                    .RunAsync(selected, scenarioList, trialCount, dir, token, resumeRequest));
            }
            catch (Exception e) when (e is not BenchException && File.Exists(resultsFile))
            {
                Console.Error.WriteLine($"bench: the run ended early; the trials it finished are in {resultsFile} (marked as such)");
                throw;
            }

            MachineLine.Print(store.Machine, store.NoiseFloor);
            RunSummaryTable.Print(store.Trials);
            if (context.Quick)
                Console.WriteLine($"--quick: warmups and windows of a second or less. " +
                                  "JIT-compiled targets (ASP.NET Core above all) are far from steady state this early: run without --quick for figures to quote.");
            Console.WriteLine($"results: {store.ResultsPath}");
            // the charts and report.md/html/csv beside results.json (as `bench report DIR` writes them). The measurements
            // are safe in results.json by now: a report that fails must not cost the run its verdict table.
            try
            {
                ReportCommand.Write(dir, claims);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"bench: the report could not be written ({e.Message}); results.json is complete: `bench report {dir}` tries again");
            }
            // what the run is for, last: every claim's verdict (the same table `bench verdicts DIR` prints)
            VerdictTable.Print(store.Claims!);
            return store.Trials.Any(t => t.Failure is not null) ? ExitCodes.Failed : ExitCodes.Ok;
        }, ct));
        return cmd;
    }

    /// <summary>What --resume asks for, checked before anything starts; null without --resume.</summary>
    private static ResumeRequest? ResumeFrom(string? resume, string? outDir, bool force)
    {
        if (resume is null)
        {
            if (force) throw new BenchException("--force goes with --resume DIR only.");
            return null;
        }
        var dir = Path.GetFullPath(resume);
        if (outDir is not null && Path.GetFullPath(outDir).TrimEnd('/') != dir.TrimEnd('/'))
            throw new BenchException($"--resume {resume} writes into {dir}: leave out --out.");
        var file = Path.Combine(dir, ResultsStore.FileName);
        if (!File.Exists(file)) throw new BenchException($"{dir} holds no {ResultsStore.FileName}: give --resume the folder of the interrupted run.");
        RunResults stored;
        try
        {
            stored = ResultsStore.Read(file);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BenchException($"{file} is not a results.json bench can read ({e.Message}): it cannot be resumed.", e);
        }
        if (stored.SchemaVersion != RunResults.CurrentSchemaVersion)
            throw new BenchException($"{file} has schema version {stored.SchemaVersion}, this bench writes {RunResults.CurrentSchemaVersion}: it cannot be resumed.");
        if (stored.Status == RunStatus.Complete) throw new BenchException($"{file} is a complete run: there is nothing to resume.");
        return new ResumeRequest(stored, force);
    }

    private static string OutputFolder(string? requested)
    {
        var dir = Path.GetFullPath(requested ?? Path.Combine(RepoPaths.Results, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")));
        if (File.Exists(Path.Combine(dir, ResultsStore.FileName)))
            throw new BenchException($"{dir} already holds a {ResultsStore.FileName}: choose another --out (results are never overwritten).");
        WritableFolder.Check(dir, "--out");
        return dir;
    }
}
