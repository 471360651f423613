using Bench.Core;
using Bench.Pipeline;
using Bench.Runtime.Database;
using Bench.Runtime.Targets;

namespace Bench.Cli;

/// <summary>The runtime chosen with --runtime and the database that goes with it, disposed together.</summary>
internal sealed class RuntimeSetup : IAsyncDisposable
{
    public required ITargetRuntime Runtime { get; init; }
    public required IPostgresServer Database { get; init; }

    public static async Task<RuntimeSetup> CreateAsync(string runtime, string? dockerHost, string? databaseUrl, CpuLayout cpus, CancellationToken ct)
    {
        switch (runtime)
        {
            case "local":
                if (dockerHost is not null) throw new BenchException("--docker-host applies to --runtime docker only.");
                return new RuntimeSetup { Runtime = new LocalRuntime(), Database = await DatabaseProvisioner.StartAsync(databaseUrl, cpus.DatabaseCpus, ct) };
            default:
                throw new BenchException($"unknown runtime '{runtime}': use local or docker.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await Database.DisposeAsync();
    }
}
