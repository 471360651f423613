using Bench.Core;
using Bench.Pipeline;
using Bench.Runtime.Database;
using Bench.Runtime.Docker;
using Bench.Runtime.Processes;
using Bench.Runtime.Targets;

namespace Bench.Cli;

/// <summary>The runtime chosen with --runtime and the database that goes with it, disposed together.</summary>
internal sealed class RuntimeSetup : IAsyncDisposable
{
    public required ITargetRuntime Runtime { get; init; }
    public required IPostgresServer Database { get; init; }

    /// <summary>The database kind recorded in results.json.</summary>
    public required string DatabaseKind { get; init; }

    public static async Task<RuntimeSetup> CreateAsync(string runtime, RuntimeOptions options, string runId, string? databaseUrl, CpuLayout cpus, CancellationToken ct)
    {
        switch (runtime)
        {
            case "local":
                return new RuntimeSetup
                {
                    // The same budget as in a container: a quota of the CPU set's size, and the memory limit.
                    Runtime = new LocalRuntime(options.MemoryLimitBytes, CpuList.Count(cpus.TargetCpus) ?? 1),
                    Database = await DatabaseProvisioner.StartAsync(databaseUrl, cpus.DatabaseCpus, ct),
                    DatabaseKind = databaseUrl is null ? "embedded" : "external",
                };
            case "docker":
                var dockerRuntime = await DockerRuntime.CreateAsync(new DockerOptions
                {
                    RunId = runId,
                    Host = options.Host,
                    MemoryLimitBytes = options.MemoryLimitBytes,
                    // The quota equals the cpuset: a target may use its cores fully, and no more.
                    CpuLimit = CpuList.Count(cpus.TargetCpus),
                    OpenFiles = OpenFileBudget.TargetLimit(),
                    Log = new Progress<string>(line => Console.Error.WriteLine($"docker: {line}")),
                }, ct);
                try
                {
                    if (dockerRuntime.Swept.Count > 0)
                        Console.Error.WriteLine($"docker: removed {dockerRuntime.Swept.Count} container(s) left by a killed run");
                    var db = databaseUrl is null
                        ? await dockerRuntime.StartPostgresAsync(cpus.DatabaseCpus, ct)
                        : await DatabaseProvisioner.StartAsync(databaseUrl, ct: ct);
                    return new RuntimeSetup { Runtime = dockerRuntime, Database = db, DatabaseKind = databaseUrl is null ? "docker" : "external" };
                }
                catch
                {
                    await dockerRuntime.DisposeAsync();
                    throw;
                }
            default:
                throw new BenchException($"unknown runtime '{runtime}': use local or docker.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Runtime.DisposeAsync();
    }
}

/// <summary>--docker-host (Docker only) and --memory (both runtimes) as given.</summary>
internal sealed record RuntimeOptions(string? Host, long? MemoryLimitBytes);

/// <summary>Memory sizes as people write them: 512m, 1g, 1.5g, 268435456.</summary>
internal static class ByteSize
{
    public static long Parse(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant().TrimEnd('b', 'i');
        var unit = t.Length > 0 && char.IsLetter(t[^1]) ? t[^1] : ' ';
        var number = unit == ' ' ? t : t[..^1];
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new BenchException($"{option} '{text}' is not a size: write it like 512m or 1g.");
        var bytes = value * unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, ' ' => 1, _ => throw new BenchException($"{option} '{text}': unknown unit '{unit}' (use k, m or g).") };
        if (bytes < 6 << 20) throw new BenchException($"{option} {text} is below Docker's minimum of 6 MiB.");
        return (long)bytes;
    }
}
