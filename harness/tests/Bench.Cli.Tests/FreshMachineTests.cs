using System.Diagnostics;
using System.Text.Json;
using Bench.Core;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// The README's first command on a machine that has never run bench: no cache folder and no Go on PATH. A
/// first run once stopped after the bootstrap had unpacked Go ("go-nethttp needs go on PATH"): ./bench had
/// read env.sh, which puts the unpacked Go on PATH only if it exists, before the bootstrap unpacked it. The
/// test runs ./bench itself (the script users type, not the CLI beneath it) with an empty BENCH_CACHE, so
/// every bootstrap part runs as on a new machine: Go and the packaged sources are fetched again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FreshMachineTests
{
    [Fact]
    public async Task The_first_quick_run_on_a_machine_without_a_cache_or_go_measures_go_nethttp()
    {
        using var cache = new TempFolder("bench-fresh-cache");
        using var results = new TempFolder("bench-fresh-results");
        var psi = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "bench"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in new[] { "run", "--quick", "--targets", "go-nethttp", "--scenarios", "plaintext", "--trials", "1", "--retries", "0", "--out", results.Path })
            psi.ArgumentList.Add(a);
        psi.Environment["BENCH_CACHE"] = cache.Path;
        psi.Environment["PATH"] = PathWithoutGo();
        using var bench = Process.Start(psi)!;
        var stdout = bench.StandardOutput.ReadToEndAsync();
        var stderr = bench.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try { await bench.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { bench.Kill(entireProcessTree: true); throw; }

        var output = await stdout + await stderr;
        Assert.True(bench.ExitCode == 0, $"exit {bench.ExitCode}:\n{output}");
        Assert.True(File.Exists(Path.Combine(cache.Path, "toolchains", "go", "bin", "go")) || Which("go", PathWithoutGo()) is not null,
            "the bootstrap left no Go");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results.Path, "results.json")));
        // the trial, and the A/A noise floor's second arm (same target, same scenario)
        var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal(("go-nethttp", "plaintext"), (t.GetProperty("target").GetString(), t.GetProperty("scenario").GetString()));
            Assert.True(t.GetProperty("requestsPerSecond").GetDouble() > 0, output);
        });
    }

    /// <summary>The machine's PATH without any folder holding a go binary (the unpacked toolchain of an earlier cache included).</summary>
    private static string PathWithoutGo() => string.Join(':',
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Where(d => d.Length > 0 && !File.Exists(Path.Combine(d, "go"))));

    private static string? Which(string name, string path) =>
        path.Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
