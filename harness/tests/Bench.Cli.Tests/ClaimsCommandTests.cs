using System.Globalization;
using System.Text.Json;
using Bench.Core;

namespace Bench.Cli.Tests;

/// <summary>`bench claims` lists the catalog; `bench verdicts DIR` judges it from a results folder.</summary>
public sealed class ClaimsCommandTests
{
    [Fact]
    public async Task Claims_lists_every_claim_with_its_quote()
    {
        var (code, stdout, stderr) = await Cli.RunAsync("claims");
        Assert.True(code == 0, stderr);
        Assert.Contains("rust-go-2-3x", stdout);
        Assert.Contains("\"Often 2-3x faster than Go\"", stdout);
        Assert.Contains("19 claims", stdout);
    }

    [Fact]
    public async Task Verdicts_of_a_one_trial_run_are_untestable_with_the_reason()
    {
        var dir = Path.Combine(RepoPaths.Root, "results", "sample", "local-default");
        var (code, stdout, stderr) = await Cli.RunAsync("verdicts", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("19 claims: 19 untestable", stdout);
        // rust-axum/go-nethttp on /plaintext, the estimate without bounds: with one kept trial each, their ratio
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        double Rps(string target) => doc.RootElement.GetProperty("trials").EnumerateArray()
            .Single(t => t.GetProperty("target").GetString() == target && t.GetProperty("scenario").GetString() == "plaintext"
                         && !t.TryGetProperty("retried", out _) && !(t.TryGetProperty("arm", out var arm) && arm.GetString() == "A2"))
            .GetProperty("requestsPerSecond").GetDouble();
        Assert.Contains((Rps("rust-axum") / Rps("go-nethttp")).ToString("0.00", CultureInfo.InvariantCulture) + "×", stdout);
        Assert.Contains("a 95 % bound needs at", stdout);
        // the run's own A/A floor is the default noise floor
        var floor = doc.RootElement.GetProperty("noiseFloor").GetProperty("halfWidth").GetDouble();
        Assert.Contains($"noise floor {floor.ToString("0.###", CultureInfo.InvariantCulture)})", stdout);
    }

    [Fact]
    public async Task A_folder_without_results_json_or_a_bad_noise_floor_is_bad_input()
    {
        var (code, _, stderr) = await Cli.RunAsync("verdicts", Path.Combine(RepoPaths.Root, "results", "sample"));
        Assert.Equal(2, code);
        Assert.Contains("has no results.json", stderr);
        (code, _, stderr) = await Cli.RunAsync("verdicts", Path.Combine(RepoPaths.Root, "results", "sample", "local-default"), "--noise-floor", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("--noise-floor must be in [0, 1)", stderr);
    }

    [Fact]
    public async Task A_results_json_that_is_not_one_is_bad_input()
    {
        var dir = Directory.CreateTempSubdirectory("bench-verdicts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "results.json"), "{\"runId\":");
            var (code, _, stderr) = await Cli.RunAsync("verdicts", dir);
            Assert.Equal(2, code);
            Assert.Contains("is not a readable results.json", stderr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
