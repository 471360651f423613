using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Load;
using Bench.Pipeline.Machine;
using Bench.Pipeline.Results;

namespace Bench.Pipeline;

/// <summary>`bench run --resume DIR`: the run written in DIR, and whether to go on despite settings that differ.</summary>
public sealed record ResumeRequest(RunResults Stored, bool Force);

/// <summary>
/// What continuing a run means. A cell is one planned trial: scenario, target, trial number and A/A arm. A cell is
/// done when results.json holds an attempt of it that was kept (not `retried`) and did not fail because the run
/// stopped (`runStopped`): failed trials are results too, and are not run again. The cells left run in the plan's
/// order; a session the interruption cut short runs its remaining scenarios on a fresh target, renumbered from
/// position 1, as a retry session does. Both runs must have measured the same thing the same way, so the settings,
/// the machine and the harness commit are compared first.
/// </summary>
public static class RunResume
{
    /// <summary>Environment fields that change what a figure means: the runtime, the harness, the machine, the targets' toolchains.</summary>
    private static readonly string[] EnvironmentFields = ["runtime", "harnessCommit", "cpuModel", "cores", "memoryBytes", "kernel", "hostname", "targets"];

    /// <summary>Each setting or environment field whose value differs between the stored run and this one, as "field: stored → now".</summary>
    public static IReadOnlyList<string> Differences(RunResults stored, RunResults now)
    {
        var differences = new List<string>();
        Compare("settings", Node(stored.Settings), Node(now.Settings), null, differences);
        Compare("environment", Node(stored.Environment), Node(now.Environment), EnvironmentFields, differences);
        return differences;
    }

    private static JsonObject Node<T>(T value) => JsonSerializer.SerializeToNode(value, LoadResult.JsonOptions)!.AsObject();

    private static void Compare(string prefix, JsonObject stored, JsonObject now, string[]? only, List<string> differences)
    {
        foreach (var key in stored.Select(p => p.Key).Union(now.Select(p => p.Key)).Where(k => only is null || only.Contains(k)))
        {
            var (was, @is) = (stored[key], now[key]);
            if (JsonNode.DeepEquals(was, @is)) continue;
            differences.Add($"{prefix}.{key}: {Show(was)} in the stored run, {Show(@is)} now");
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "absent";
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    /// <summary>The plan without the cells <paramref name="done"/> holds; see the class summary.</summary>
    public static IReadOnlyList<PlannedSession> Remaining(IReadOnlyList<PlannedSession> plan, IReadOnlyList<TrialResult> done)
    {
        var measured = done.Where(t => t.Retried != true && !t.Flags.Contains(TrialFlags.RunStopped)).Select(Cell).ToHashSet();
        var lastAttempt = done.GroupBy(Cell).ToDictionary(g => g.Key, g => g.Max(t => t.Attempt));
        var remaining = new List<PlannedSession>();
        foreach (var session in plan)
        {
            var left = session.Trials.Where(t => !measured.Contains(Cell(t))).ToList();
            if (left.Count == 0) continue;
            var renumber = left.Count < session.Trials.Count;
            remaining.Add(session with
            {
                Trials = left.Select((t, i) => t with
                {
                    Position = renumber ? i + 1 : t.Position,
                    // a cell with earlier attempts (replaced by a retry, or failed as the run stopped) goes on with the next number
                    Attempt = lastAttempt.TryGetValue(Cell(t), out var last) ? last + 1 : t.Attempt,
                }).ToList(),
            });
        }
        return remaining;
    }

    private static (string Scenario, string Target, int Trial, NoiseArm? Arm) Cell(TrialResult t) => (t.Scenario, t.Target, t.Trial, t.Arm);
    private static (string Scenario, string Target, int Trial, NoiseArm? Arm) Cell(PlannedTrial t) => (t.Scenario.Name, t.Target.Name, t.Trial, t.Arm);
}
