using Bench.Conformance;
using Bench.Conformance.Checks;
using Bench.Core.Targets;
using Bench.Runtime.Targets;

namespace Bench.Runtime.Docker.Tests;

/// <summary>
/// Every target's image is complete (its runtime, ICU, OpenSSL, node, ...): the target passes the whole
/// contract suite in its container, under the limits a run gives it, against the containerised database.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerisedTargetsConformTests(DockerFixture fx)
{
    public static TheoryData<string> TargetNames() => new(TargetCatalog.Load().All.Select(t => t.Name));

    [DockerTheory]
    [MemberData(nameof(TargetNames))]
    public async Task Target_passes_every_contract_check_in_its_container(string name)
    {
        const long memory = 1L << 30;
        await using var runtime = await DockerRuntime.CreateAsync(fx.Options(memory, cpus: 1.0));
        var launch = new TargetLaunch { Target = TargetCatalog.Load().Get(name), DatabaseUrl = fx.Postgres.Url, JwtSecret = Secrets.NewJwtSecret(), Cpus = "1" };
        await using var running = (DockerRuntime.DockerTarget)await runtime.StartAsync(launch);

        using (var client = DockerEngine.CreateClient(fx.Options()))
        {
            var inspect = await client.Containers.InspectContainerAsync(running.ContainerId);
            Assert.Equal(("1", memory, 1_000_000_000L), (inspect.HostConfig.CpusetCpus, inspect.HostConfig.Memory, inspect.HostConfig.NanoCPUs));
            Assert.Equal(DockerRuntime.ImageTag(name), inspect.Config.Image);
        }
        using var context = new CheckContext(running.BaseUri, launch.JwtSecret, fx.Postgres.ConnectionString);

        var results = await ConformanceSuite.RunAsync(context);

        var failures = results.Where(r => !r.Passed).Select(r => $"{r.Check.Id}: {r.Failure}").ToList();
        Assert.True(failures.Count == 0, $"{name} in its container broke the contract:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }
}
