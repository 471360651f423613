using System.Text.Json.Nodes;
using Bench.Core;

namespace Bench.Testing;

/// <summary>
/// The recorded runs under results/sample, and edited copies of them: a test states the one thing it changes
/// (a target's req/s scaled, a scenario's setting, the host's name) and gets a results folder with only that changed.
/// </summary>
public static class SampleRuns
{
    public static string Folder(string name) => Path.Combine(RepoPaths.Results, "sample", name);

    /// <summary>
    /// Copies <paramref name="sample"/>'s results.json into <paramref name="into"/>/<paramref name="runName"/> after
    /// <paramref name="edit"/> has changed its JSON; returns the new folder.
    /// </summary>
    public static string Copy(string sample, string into, string runName, Action<JsonObject>? edit = null)
    {
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(sample), "results.json")))!.AsObject();
        edit?.Invoke(run);
        var folder = Path.Combine(into, runName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), run.ToJsonString());
        return folder;
    }

    /// <summary>Multiplies one numeric field of every trial of <paramref name="target"/> that has it.</summary>
    public static void Scale(JsonObject run, string target, string field, double factor)
    {
        foreach (var trial in run["trials"]!.AsArray().Select(t => t!.AsObject()))
            if ((string?)trial["target"] == target && trial[field] is JsonValue value)
                trial[field] = value.GetValue<double>() * factor;
    }

    /// <summary>The settings object of one scenario of the run.</summary>
    public static JsonObject Scenario(JsonObject run, string name) =>
        run["settings"]!["scenarios"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["name"] == name);
}
