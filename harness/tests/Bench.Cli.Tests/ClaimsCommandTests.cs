using System.Globalization;
using System.Text.Json;
using Bench.Core;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>`bench claims` lists the catalog; `bench verdicts DIR` judges it from a results folder.</summary>
public sealed class ClaimsCommandTests
{
    private static readonly int CatalogClaims = Core.Claims.ClaimCatalogLoader.Load().Claims.Count;

    [Fact]
    public async Task Claims_lists_every_claim_with_its_quote()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("claims");
        Assert.True(code == 0, stderr);
        Assert.Contains("rust-go-2-3x", stdout);
        Assert.Contains("\"Often 2-3x faster than Go\"", stdout);
        Assert.Contains("\"JVM startup time matters for serverless\"", stdout);
        Assert.Contains($"{CatalogClaims} claims", stdout);
    }

    [Fact]
    public async Task Verdicts_of_a_one_trial_run_are_untestable_with_the_reason()
    {
        var dir = Path.Combine(RepoPaths.Root, "results", "sample", "local-default");
        var (code, stdout, stderr) = await CliProcess.RunAsync("verdicts", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains($"{CatalogClaims} claims: {CatalogClaims} untestable", stdout);
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

    /// <summary>A copy of the sample run's results.json (schema version 2, one trial per cell) in a folder of its own.</summary>
    private static string SampleCopy(Func<string, string>? edit = null)
    {
        var dir = Directory.CreateTempSubdirectory("bench-verdicts-").FullName;
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "results", "sample", "local-default", "results.json"));
        File.WriteAllText(Path.Combine(dir, "results.json"), edit is null ? json : edit(json));
        return dir;
    }

    [Fact]
    public async Task Verdicts_write_stores_every_claim_in_the_results_json_it_judged()
    {
        var dir = SampleCopy();
        try
        {
            var (code, stdout, stderr) = await CliProcess.RunAsync("verdicts", dir, "--write");
            Assert.True(code == 0, stderr);
            Assert.Contains("claims[] written to", stdout);
            Assert.False(File.Exists(Path.Combine(dir, "results.json.tmp")));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            var root = doc.RootElement;
            Assert.Equal(3, root.GetProperty("schemaVersion").GetInt32()); // version 2 + claims[] is version 3
            Assert.Equal(root.GetProperty("noiseFloor").GetProperty("halfWidth").GetDouble(), root.GetProperty("claimsNoiseFloor").GetDouble());
            var claims = root.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
            Assert.Equal(CatalogClaims, claims.Count);

            // the sample has no 1024-connection /profile scenario: untestable, and the reason says so
            var half = claims["rust-node-jwt-db-half"];
            Assert.Equal("untestable", half.GetProperty("verdict").GetString());
            Assert.Equal("scenario 'profile-c1024' was not run", half.GetProperty("reason").GetString());
            Assert.Equal(["rust-axum"], half.GetProperty("numerator").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["node-fastify"], half.GetProperty("denominator").EnumerateArray().Select(e => e.GetString()));
            Assert.False(half.TryGetProperty("estimate", out _));

            // rust-axum/go-nethttp on /plaintext: one trial each (81,494.2 and 48,704.1 req/s), an estimate and no bounds
            var plaintext = claims["rust-go-2-3x"].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("scenario").GetString() == "plaintext");
            Assert.Equal(81494.2 / 48704.1, plaintext.GetProperty("estimate").GetDouble(), 1e-9);
            Assert.False(plaintext.TryGetProperty("lower", out _));
            Assert.Equal((1, 1), (plaintext.GetProperty("n").GetInt32(), plaintext.GetProperty("m").GetInt32()));
            Assert.Equal("numerator", plaintext.GetProperty("censoring").GetString()); // rust-axum's trial was generator-bound
            Assert.StartsWith("1 and 1 trials: a 95 % bound needs at least 4 of each", plaintext.GetProperty("reason").GetString());
            // a claim resting on three rows has no figures of its own: they are the rows'
            Assert.False(claims["rust-go-2-3x"].TryGetProperty("estimate", out _));

            // the rest of the file is as it was written, even where today's types read it differently (the sample's
            // version-2 noise floor counts seconds; a re-serialisation would have dropped secondsA1)
            Assert.Equal(31, root.GetProperty("trials").GetArrayLength());
            Assert.Equal(10, root.GetProperty("noiseFloor").GetProperty("secondsA1").GetInt32());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Verdicts_write_refuses_a_run_that_did_not_complete_and_leaves_it_as_it_was()
    {
        var dir = SampleCopy(json => json.Replace("\"status\": \"complete\"", "\"status\": \"interrupted\""));
        try
        {
            var before = File.ReadAllText(Path.Combine(dir, "results.json"));
            Assert.Contains("\"interrupted\"", before);
            var (code, _, stderr) = await CliProcess.RunAsync("verdicts", dir, "--write");
            Assert.Equal(2, code);
            Assert.Contains("--write stores claims for complete runs only", stderr);
            Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "results.json")));
            // without --write it still judges what finished, and says what kind of run that was
            var (printed, stdout, _) = await CliProcess.RunAsync("verdicts", dir);
            Assert.Equal(0, printed);
            Assert.Contains("this run is interrupted: the verdicts rest on the trials it finished", stdout);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_folder_without_results_json_or_a_bad_noise_floor_is_bad_input()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("verdicts", Path.Combine(RepoPaths.Root, "results", "sample"));
        Assert.Equal(2, code);
        Assert.Contains("has no results.json", stderr);
        (code, _, stderr) = await CliProcess.RunAsync("verdicts", Path.Combine(RepoPaths.Root, "results", "sample", "local-default"), "--noise-floor=-0.1");
        Assert.Equal(2, code);
        Assert.Contains("--noise-floor must be at least 0", stderr);
    }

    [Fact]
    public async Task A_results_json_that_is_not_one_is_bad_input()
    {
        var dir = Directory.CreateTempSubdirectory("bench-verdicts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "results.json"), "{\"runId\":");
            var (code, _, stderr) = await CliProcess.RunAsync("verdicts", dir);
            Assert.Equal(2, code);
            Assert.Contains("is not a readable results.json", stderr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
