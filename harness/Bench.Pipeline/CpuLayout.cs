using Bench.Runtime.Targets;

namespace Bench.Pipeline;

/// <summary>
/// Which cores the load engine, the target and the database get. The engine and the target never share a
/// core; the database shares the target's cores, the same for every target (on 2 cores: engine 0, target 1).
/// </summary>
public sealed record CpuLayout(string EngineCpus, string TargetCpus, string DatabaseCpus)
{
    public static CpuLayout Default()
    {
        var cores = Environment.ProcessorCount;
        if (cores < 2) throw new Core.BenchException("bench needs at least 2 cores: one for the load engine, one for the target. Pin explicitly with --engine-cpus/--target-cpus to override.");
        var engine = cores / 2;
        var engineList = engine == 1 ? "0" : $"0-{engine - 1}";
        var targetList = engine == cores - 1 ? $"{cores - 1}" : $"{engine}-{cores - 1}";
        return new CpuLayout(engineList, targetList, targetList);
    }

    public static CpuLayout From(string? engine, string? target)
    {
        var d = Default();
        var layout = new CpuLayout(engine ?? d.EngineCpus, target ?? d.TargetCpus, target ?? d.DatabaseCpus);
        if (CpuList.Parse(layout.EngineCpus).Intersect(CpuList.Parse(layout.TargetCpus)).Any())
            throw new Core.BenchException($"--engine-cpus {layout.EngineCpus} and --target-cpus {layout.TargetCpus} overlap: the load engine and the target must not share a core.");
        return layout;
    }
}
