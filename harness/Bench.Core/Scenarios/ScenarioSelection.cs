namespace Bench.Core.Scenarios;

/// <summary>
/// What `--scenarios` names: a comma-separated list (the option may also be repeated) whose items are each
/// a path to a YAML file, a file name under scenarios/ without ".yaml", or one scenario's name as defined in
/// any scenarios/*.yaml (`--scenarios db,jwt`), tried in that order. The result keeps the order given and
/// drops repeats, so `--scenarios default,db` is the default set once.
/// </summary>
public static class ScenarioSelection
{
    public static IReadOnlyList<Scenario> Load(IEnumerable<string>? items) => Load(items, ScenarioCatalog.Directory);

    /// <param name="directory">where file names and scenario names are looked up (scenarios/ outside tests).</param>
    public static IReadOnlyList<Scenario> Load(IEnumerable<string>? items, string directory)
    {
        var wanted = (items ?? []).SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (wanted.Count == 0) wanted.Add(ScenarioCatalog.DefaultSet);

        var files = new Dictionary<string, IReadOnlyList<Scenario>>(); // full path → its scenarios, each file parsed once
        IReadOnlyList<Scenario> Parsed(string path)
        {
            path = Path.GetFullPath(path);
            if (!files.TryGetValue(path, out var scenarios))
                files[path] = scenarios = ScenarioCatalog.Load(path);
            return scenarios;
        }

        // Scenario names are looked up only when an item is neither a path nor a file name: every file under the
        // directory is then read, and a file that does not parse fails the lookup with its own message.
        Dictionary<string, List<string>>? definedIn = null;
        var byName = new Dictionary<string, (Scenario Scenario, string File)>();
        var selected = new List<Scenario>();
        void Add(Scenario scenario, string file)
        {
            if (byName.TryGetValue(scenario.Name, out var seen))
            {
                if (seen.File != file)
                    throw new BenchException($"scenario '{scenario.Name}' is selected from two files, {seen.File} and {file}: its results could not be told apart; select one.");
                return; // the same scenario named twice (e.g. by its file and by its name): measured once
            }
            byName[scenario.Name] = (scenario, file);
            selected.Add(scenario);
        }

        foreach (var item in wanted)
        {
            var named = Path.Combine(directory, item + ".yaml");
            var file = File.Exists(item) ? Path.GetFullPath(item) : File.Exists(named) ? Path.GetFullPath(named) : null;
            if (file is not null)
            {
                foreach (var s in Parsed(file)) Add(s, file);
                continue;
            }
            if (item.Contains('/') || item.EndsWith(".yaml", StringComparison.Ordinal) || item.EndsWith(".yml", StringComparison.Ordinal))
                throw new BenchException($"--scenarios: no scenario file at {Path.GetFullPath(item)}: check the path (or give a file name under {directory}, or a scenario name).");
            definedIn ??= ScenarioFiles(directory).SelectMany(f => Parsed(f).Select(s => (s.Name, File: Path.GetFullPath(f))))
                .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.Select(x => x.File).ToList());
            if (!definedIn.TryGetValue(item, out var where))
                throw new BenchException($"no scenario file or scenario named '{item}': give a path to a YAML file, " +
                                         $"a file under {directory} ({Known(ScenarioFiles(directory).Select(f => Path.GetFileNameWithoutExtension(f)!))}) " +
                                         $"or a scenario name ({Known(definedIn.Keys)}).");
            if (where.Count > 1)
                throw new BenchException($"scenario '{item}' is defined in {string.Join(" and ", where)}: select the file, or rename one.");
            Add(Parsed(where[0]).Single(s => s.Name == item), where[0]);
        }
        return selected;
    }

    /// <summary>Every scenario name the files under <paramref name="directory"/> define (what a claims catalog may name).</summary>
    public static IReadOnlySet<string> DefinedNames(string? directory = null) =>
        ScenarioFiles(directory ?? ScenarioCatalog.Directory).SelectMany(f => ScenarioCatalog.Load(f)).Select(s => s.Name).ToHashSet();

    private static IEnumerable<string> ScenarioFiles(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal) : [];

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
