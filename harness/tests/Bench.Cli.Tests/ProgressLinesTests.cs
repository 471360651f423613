using System.Text.RegularExpressions;
using Bench.Testing;

namespace Bench.Cli.Tests;

/// <summary>
/// `bench run` with its output redirected (a CI log) shows its progress as plain lines: after every trial,
/// "progress: n of N trials done · m:ss elapsed · about T left", the last one "done"; no live display.
/// </summary>
public sealed partial class ProgressLinesTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_redirected_run_prints_a_plain_progress_line_after_every_trial()
    {
        using var dir = new TempFolder("bench-progress");
        using var cli = new CliProcess("run", "--quick", "--targets", "go-nethttp", "--scenarios", "plaintext", "--trials", "2",
            "--retries", "0", "--out", dir.Path);
        var code = await cli.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(code is 0 or 1, $"exit {code}: {cli.Stderr}"); // 1: a trial failed on a busy machine; its line still counts

        // the plan says how many trials: one session per trial, and the A/A arm's session per round
        var planned = int.Parse(PlanLine().Match(cli.Stderr).Groups[1].Value);
        Assert.Equal(4, planned);
        var progress = cli.Stdout.Split('\n').Where(l => l.StartsWith("progress: ")).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(planned, progress.Count);
        for (var n = 1; n <= planned; n++)
        {
            var m = ProgressLine().Match(progress[n - 1]);
            Assert.True(m.Success, progress[n - 1]);
            Assert.Equal((n, planned), (int.Parse(m.Groups["n"].Value), int.Parse(m.Groups["of"].Value)));
            Assert.Equal(n == planned ? "done" : "left", m.Groups["end"].Value);
        }
        // each progress line follows its trial's result line, numbered the same
        Assert.Equal(Enumerable.Range(1, planned).Select(n => $"[{n}/{planned}] go-nethttp · plaintext"),
            cli.Stdout.Split('\n').Where(l => l.StartsWith('[')).Select(l => l[..l.IndexOf(" · trial", StringComparison.Ordinal)]));
        Assert.DoesNotContain("\u001b[", cli.Stdout); // no terminal control sequences in a log
    }

    [GeneratedRegex(@"plan: \d+ sessions \(a fresh target each\), (\d+) trials")]
    private static partial Regex PlanLine();

    [GeneratedRegex(@"^progress: (?<n>\d+) of (?<of>\d+) trials done · \d+:\d\d elapsed · (about \d+ (s|min) (?<end>left)|(?<end>done))$")]
    private static partial Regex ProgressLine();
}
