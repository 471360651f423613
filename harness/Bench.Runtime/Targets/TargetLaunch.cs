using Bench.Core.Targets;

namespace Bench.Runtime.Targets;

/// <summary>Everything a runtime needs to start one target the same way as every other (CONTRACT.md's environment).</summary>
public sealed record TargetLaunch
{
    public required TargetManifest Target { get; init; }
    public required string DatabaseUrl { get; init; }
    public required string JwtSecret { get; init; }
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    public int DbPoolSize { get; init; } = 16;
    /// <summary>taskset CPU list for the target, e.g. "1"; null leaves it unpinned.</summary>
    public string? Cpus { get; init; }
    /// <summary>Cores the target may use (WORKERS); defaults to the number of CPUs in <see cref="Cpus"/>.</summary>
    public int? Workers { get; init; }
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int EffectiveWorkers => Workers ?? CpuList.Count(Cpus) ?? System.Environment.ProcessorCount;

    /// <summary>The contract's environment, plus the manifest's own run.env.</summary>
    public Dictionary<string, string> Environment(int port)
    {
        var env = new Dictionary<string, string>(Target.Run.Env)
        {
            ["PORT"] = port.ToString(),
            ["BIND"] = "127.0.0.1",
            ["DATABASE_URL"] = DatabaseUrl,
            ["DB_POOL_SIZE"] = DbPoolSize.ToString(),
            ["JWT_SECRET"] = JwtSecret,
            ["WORKERS"] = EffectiveWorkers.ToString(),
        };
        return env;
    }
}

/// <summary>Parses taskset-style CPU lists ("0", "1-3", "0,2").</summary>
public static class CpuList
{
    public static int? Count(string? list) => list is null ? null : Parse(list).Count;

    public static IReadOnlyList<int> Parse(string list)
    {
        var cpus = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, out var v) && v >= 0))
                throw new Core.BenchException($"'{list}' is not a CPU list: use forms like 0, 1-3 or 0,2.");
            int from = int.Parse(range[0]), to = int.Parse(range[^1]);
            if (to < from) throw new Core.BenchException($"'{list}' is not a CPU list: range {part} runs backwards.");
            for (var c = from; c <= to; c++) cpus.Add(c);
        }
        if (cpus.Count == 0) throw new Core.BenchException($"'{list}' is not a CPU list: it names no CPU.");
        var online = System.Environment.ProcessorCount;
        var bad = cpus.Where(c => c >= online).ToList();
        if (bad.Count > 0 && !File.Exists("/sys/devices/system/cpu/cpu" + bad[0]))
            throw new Core.BenchException($"CPU {bad[0]} does not exist on this machine (CPUs 0-{online - 1}).");
        return cpus;
    }
}
