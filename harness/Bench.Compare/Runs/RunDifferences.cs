using System.Reflection;
using System.Text.Json;
using Bench.Load;
using Bench.Pipeline.Results;

namespace Bench.Compare.Runs;

/// <summary>
/// What separates two runs, in three kinds: the machine (its fingerprint in results.json's <c>environment</c>:
/// figures from two machines are not a change of the targets), the settings the figures were measured under
/// (a scenario's connections, duration, rate...; the CPU layout and limits; comparing those is comparing different
/// experiments), and the software (the harness and the targets' toolchains: what a comparison is usually for).
/// Each difference reads "field: X in BASELINE, Y in CURRENT".
/// </summary>
public static class RunDifferences
{
    /// <summary>The machine's fingerprint: the hardware, kernel and OS, the host's name and the runtime the targets ran in.</summary>
    public static IReadOnlyList<string> Machine(EnvironmentInfo baseline, EnvironmentInfo current) => Fields(baseline, current,
        [nameof(EnvironmentInfo.CpuModel), nameof(EnvironmentInfo.Cores), nameof(EnvironmentInfo.MemoryBytes), nameof(EnvironmentInfo.Kernel),
         nameof(EnvironmentInfo.Os), nameof(EnvironmentInfo.Hostname), nameof(EnvironmentInfo.Runtime)], prefix: "").ToList();

    /// <summary>
    /// Settings of the run as a whole and of every scenario both runs measured. A scenario's <c>trials</c> may differ
    /// (the bounds take any count), and a scenario only one run has is no conflict (its cells are listed as such).
    /// </summary>
    public static IReadOnlyList<string> Settings(RunSettings baseline, RunSettings current)
    {
        var differences = Fields(baseline, current,
            [nameof(RunSettings.Quick), nameof(RunSettings.EngineCpus), nameof(RunSettings.TargetCpus), nameof(RunSettings.DatabaseCpus),
             nameof(RunSettings.DbPoolSize), nameof(RunSettings.Database), nameof(RunSettings.TargetLimits)], prefix: "settings.").ToList();
        var scenarioFields = typeof(ScenarioSettings).GetProperties().Select(p => p.Name)
            .Where(n => n is not (nameof(ScenarioSettings.Trials) or nameof(ScenarioSettings.Name))).ToList();
        foreach (var c in current.Scenarios)
            if (baseline.Scenarios.FirstOrDefault(b => b.Name == c.Name) is { } b)
                differences.AddRange(Fields(b, c, scenarioFields, prefix: $"scenario '{c.Name}': "));
        return differences;
    }

    /// <summary>The harness and the targets' toolchains, as the runs recorded them.</summary>
    public static IReadOnlyList<string> Software(EnvironmentInfo baseline, EnvironmentInfo current)
    {
        var changes = Fields(baseline, current, [nameof(EnvironmentInfo.HarnessCommit), nameof(EnvironmentInfo.HarnessDotnet)], prefix: "").ToList();
        foreach (var (name, c) in current.Targets.OrderBy(t => t.Key, StringComparer.Ordinal))
            if (baseline.Targets.TryGetValue(name, out var b) && b != c)
                changes.AddRange(Fields(b, c, typeof(TargetVersions).GetProperties().Select(p => p.Name).ToList(), prefix: $"{name} "));
        return changes;
    }

    private static IEnumerable<string> Fields<T>(T baseline, T current, IReadOnlyList<string> names, string prefix)
    {
        foreach (var name in names)
        {
            var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!;
            string b = Show(property.GetValue(baseline)), c = Show(property.GetValue(current));
            if (b != c) yield return $"{prefix}{JsonNamingPolicy.CamelCase.ConvertName(name)}: {b} in BASELINE, {c} in CURRENT";
        }
    }

    /// <summary>A value as results.json writes it, so the message names it the way the file does.</summary>
    private static string Show(object? value) => value is null ? "(absent)" : JsonSerializer.Serialize(value, value.GetType(), Compact);

    private static readonly JsonSerializerOptions Compact = new(LoadResult.JsonOptions) { WriteIndented = false };
}
