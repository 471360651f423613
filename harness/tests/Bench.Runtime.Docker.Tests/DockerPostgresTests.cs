using Docker.DotNet;
using Npgsql;

namespace Bench.Runtime.Docker.Tests;

[Collection(DockerCollection.Name)]
public sealed class DockerPostgresTests(DockerFixture fx)
{
    [DockerFact]
    public async Task Starts_seeded_in_a_labelled_container_and_is_removed()
    {
        var options = fx.Options() with { RunId = $"test-{Guid.NewGuid():N}"[..13] };
        await using var runtime = await DockerRuntime.CreateAsync(options);

        var pg = (DockerPostgres)await runtime.StartPostgresAsync(cpus: "0");

        await using (var conn = new NpgsqlConnection(pg.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM world), (SELECT count(*) FROM users), (SELECT email FROM users WHERE id = 7)", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(10_000L, r.GetInt64(0));
            Assert.Equal(10_000L, r.GetInt64(1));
            Assert.Equal("user7@example.com", r.GetString(2));
        }
        Assert.StartsWith($"postgres://{DockerPostgres.User}:", pg.Url);
        Assert.Contains($"@127.0.0.1:{pg.Port}/bench", pg.Url);
        var wrong = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Password = "wrong", Pooling = false }.ConnectionString;
        await using (var bad = new NpgsqlConnection(wrong))
            await Assert.ThrowsAsync<PostgresException>(() => bad.OpenAsync());

        using var client = DockerEngine.CreateClient(options);
        var inspect = await client.Containers.InspectContainerAsync(pg.ContainerId);
        Assert.Equal("postgres", inspect.Config.Labels[RunOwner.RoleLabel]);
        Assert.Equal(options.RunId, inspect.Config.Labels[RunOwner.RunLabel]);
        Assert.Equal("0", inspect.HostConfig.CpusetCpus);

        await pg.DisposeAsync();

        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(pg.ContainerId));
        Assert.Empty(await DockerRuntimeTests.ContainersOfRun(client, options.RunId));
    }
}
