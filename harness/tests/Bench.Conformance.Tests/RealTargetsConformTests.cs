using Bench.Conformance.Checks;
using Bench.Core.Targets;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;
using Bench.Testing;

namespace Bench.Conformance.Tests;

/// <summary>Every real target in targets/, built and run against the real database, passes every contract check.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class RealTargetsConformTests(DatabaseFixture db)
{
    public static TheoryData<string> TargetNames() => new(TargetCatalog.Load().All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(TargetNames))]
    public async Task Target_passes_every_contract_check(string name)
    {
        var target = TargetCatalog.Load().Get(name);
        await TargetBuilder.BuildAsync(target);
        var launch = new TargetLaunch { Target = target, DatabaseUrl = db.Server.Url, JwtSecret = Secrets.NewJwtSecret() };
        await using var runtime = new LocalRuntime();
        await using var running = await runtime.StartAsync(launch);
        using var context = new CheckContext(running.BaseUri, launch.JwtSecret, db.Server.ConnectionString);

        var results = await ConformanceSuite.RunAsync(context);

        var failures = results.Where(r => !r.Passed).Select(r => $"{r.Check.Id}: {r.Failure}").ToList();
        Assert.True(failures.Count == 0, $"{name} broke the contract:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(ConformanceSuite.Checks.Count, results.Count);
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public async Task Healthz_is_503_while_the_database_is_unreachable(string name)
    {
        var target = TargetCatalog.Load().Get(name);
        await TargetBuilder.BuildAsync(target);
        // A port nothing listens on: the target must start, and say it is not ready.
        var deadDb = $"postgres://bench:nopass@127.0.0.1:{Runtime.Net.Ports.FreeLoopbackPort()}/bench";
        var launch = new TargetLaunch { Target = target, DatabaseUrl = deadDb, JwtSecret = Secrets.NewJwtSecret() };
        var port = Runtime.Net.Ports.FreeLoopbackPort();
        await using var process = ChildProcess.Start(target.Run.Command, target.Directory, launch.Environment(port), description: name);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        int? status = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); status is null && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            Assert.False(process.HasExited, $"{name} exited when the database was unreachable:{Environment.NewLine}{process.Output}");
            try { status = (int)(await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        Assert.Equal(503, status);
        using var plain = await http.GetAsync($"http://127.0.0.1:{port}/plaintext");
        Assert.Equal(200, (int)plain.StatusCode);
    }
}
