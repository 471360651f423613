using System.CommandLine;
using Bench.Core.Targets;
using Bench.Runtime.Database;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;

namespace Bench.Cli.Commands;

/// <summary>
/// `bench serve TARGET`: the database and one target, running until Ctrl-C / SIGTERM, for poking with curl or
/// outside tools (wrk for calibration). Prints BENCH_URL and BENCH_JWT_SECRET lines once /healthz answers.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "the target to serve" };
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1 (default: a free one)" };
        var cpus = new Option<string?>("--cpus") { Description = "pin the target to these CPUs (taskset list, e.g. 1)" };
        var databaseUrl = CommonOptions.DatabaseUrl();
        var cmd = new Command("serve", "run the database and one target until interrupted") { target, port, cpus, databaseUrl };
        cmd.SetAction((parse, ct) => CommandRunner.RunAsync(async token =>
        {
            var manifest = TargetCatalog.Load().Get(parse.GetValue(target)!);
            var cpuList = parse.GetValue(cpus);
            if (cpuList is not null) CpuList.Parse(cpuList);
            var requestedPort = parse.GetValue(port);
            if (requestedPort is < 0 or > 65535) throw new Core.BenchException($"--port {requestedPort} is not a TCP port (1-65535).");
            if (requestedPort != 0) Runtime.Net.Ports.EnsureFree(requestedPort);
            await DatabaseProvisioner.CheckReachableAsync(parse.GetValue(databaseUrl), token);
            await TargetBuilder.BuildAsync(manifest, token);

            await using var db = await DatabaseProvisioner.StartAsync(parse.GetValue(databaseUrl), ct: token);
            await using var runtime = new LocalRuntime();
            var launch = new TargetLaunch { Target = manifest, DatabaseUrl = db.Url, JwtSecret = Secrets.NewJwtSecret(), Port = requestedPort, Cpus = cpuList };
            await using var running = await runtime.StartAsync(launch, token);
            Console.WriteLine($"BENCH_URL={running.BaseUri.ToString().TrimEnd('/')}");
            Console.WriteLine($"BENCH_JWT_SECRET={launch.JwtSecret}");
            Console.WriteLine($"BENCH_DATABASE_URL={db.Url}");
            Console.Error.WriteLine($"{manifest.Name} is up after {running.StartupMs:0} ms; Ctrl-C or SIGTERM stops it and the database.");
            await Console.Out.FlushAsync(token);
            try { await Task.Delay(Timeout.Infinite, Cleanup.Interrupted.Token); }
            catch (OperationCanceledException) { }
            return ExitCodes.Ok;
        }, ct));
        return cmd;
    }
}
