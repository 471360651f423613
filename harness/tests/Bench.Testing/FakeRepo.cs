using System.Diagnostics;
using System.Text.Json;

namespace Bench.Testing;

/// <summary>
/// A bench repository of a test's own for driving the real CLI against fake targets: bench.sln, targets/ with one
/// folder per <see cref="FakeTarget.DelayServer"/> target (its faults set through its environment), scenarios/test.yaml,
/// claims/claims.yaml comparing the first target with each other one (so --quick measures them all), all in a git repository of one commit (the harness commit a
/// run records). The CLI finds it through BENCH_ROOT (<see cref="Environment"/>). Removed on Dispose.
/// </summary>
public sealed class FakeRepo : IDisposable
{
    private readonly TempFolder _folder = new("bench-fake-repo");

    public string Root => _folder.Path;
    public string Targets => Path.Combine(Root, "targets");
    public string Scenarios => Path.Combine(Root, "scenarios", "test.yaml");

    /// <summary>What to give <see cref="CliProcess"/> so the CLI runs in this repository.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["BENCH_ROOT"] = Root };

    /// <param name="targets">target name → extra environment (DELAY_MS defaults to 10; EXIT_AT_START, FAULT_AFTER, FAULT_SIGNAL: see delay_server.py)</param>
    /// <param name="scenarios">the scenarios/test.yaml list's entries; default: one closed-model /plaintext scenario</param>
    public FakeRepo(IReadOnlyDictionary<string, Dictionary<string, string>> targets, string? scenarios = null)
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "bench.sln"), "");
        foreach (var (name, env) in targets)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Targets, name)).FullName;
            var environment = new Dictionary<string, string> { ["DELAY_MS"] = "10" };
            foreach (var (k, v) in env) environment[k] = v;
            File.WriteAllText(Path.Combine(dir, "target.yaml"), $"""
                name: {name}
                language: python
                framework: http.server
                build:
                  command: ["true"]
                run:
                  command: [python3, {JsonSerializer.Serialize(Path.Combine(FakeTarget.Folder, FakeTarget.DelayServer))}]
                  env: {JsonSerializer.Serialize(environment)}
                """);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Scenarios)!);
        File.WriteAllText(Scenarios, "scenarios:\n" + (scenarios ?? """
              - name: plaintext
                request: { path: /plaintext }
                load: { connections: 4, duration: 1s, warmup: 200ms }
            """));
        var names = targets.Keys.ToList();
        Directory.CreateDirectory(Path.Combine(Root, "claims"));
        File.WriteAllText(Path.Combine(Root, "claims", "claims.yaml"), $$"""
            sources:
              T: "the fault tests"
            claims:
              - id: first-vs-second
                source: T
                quote: "{{names[0]}} is as fast as {{names[^1]}}"
                parts:
            {{string.Join("\n", names.Skip(1).Select(n => $"      - {{ metric: requestsPerSecond, scenarios: [plaintext], numerator: {names[0]}, denominator: {n}, rule: equal }}"))}}
            """);
        Git("init", "-q");
        Git("add", "-A");
        Commit("the fake repository");
    }

    /// <summary>A new commit (nothing changed): the harness commit a run records moves on.</summary>
    public void Commit(string message) => Git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "--allow-empty", "-m", message);

    private void Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var git = Process.Start(psi)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>Target processes of this repository still running (see <see cref="TargetLeftovers"/>).</summary>
    public List<string> Leftovers() => TargetLeftovers.Under(Targets, [FakeTarget.DelayServer]);

    public void Dispose() => _folder.Dispose();
}
