using Bench.Load;
using Bench.Pipeline;
using Bench.Pipeline.Results;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>
/// Shows a run as it goes: on a terminal a live line per trial updated every second, otherwise one plain
/// line per finished trial (CI logs stay readable).
/// </summary>
internal sealed class RunConsole : IRunObserver
{
    private readonly bool _live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void TrialStarting(PlannedTrial t, int index, int count)
    {
        if (_live) Console.Write($"\r[{index + 1}/{count}] {t.Target.Name} · {t.Scenario.Name} · trial {t.Trial}: starting...".PadRight(Console.WindowWidth - 1));
    }

    public void LoadSecond(PlannedTrial t, LoadSecond s)
    {
        if (!_live || s.Warmup) return;
        Console.Write($"\r    {t.Target.Name} · {t.Scenario.Name}: {s.Second + 1}s {s.Requests:N0} req/s p50 {Us(s.P50Us)} p99 {Us(s.P99Us)}"
            + (s.Errors > 0 ? $" errors {s.Errors:N0}" : "") + $" engine {s.EngineCpuPercent:0}%".PadRight(12));
    }

    public void TrialFinished(PlannedTrial t, TrialResult r, int index, int count)
    {
        if (_live) Console.Write("\r" + new string(' ', Math.Max(0, Console.WindowWidth - 1)) + "\r");
        var head = $"[{index + 1}/{count}] {t.Target.Name} · {t.Scenario.Name} · trial {t.Trial}"
                   + (t.Arm is { } arm ? $" ({arm})" : "") + (t.Attempt > 1 ? $" · attempt {t.Attempt}" : "");
        if (r.Failure is not null)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(head)}: FAILED[/] {Markup.Escape(FirstLine(r.Failure))}");
            return;
        }
        var flags = r.Flags.Count == 0 ? "" : $" [yellow]⚑ {Markup.Escape(string.Join(", ", r.Flags))}[/]";
        AnsiConsole.MarkupLine($"{Markup.Escape(head)}: {r.RequestsPerSecond:N0} req/s, p50 {Us(r.Latency!.P50Us)}, p99 {Us(r.Latency.P99Us)}, " +
            $"peak memory {Format.Bytes(r.PeakRssBytes)}, startup {r.StartupMs:0} ms, warmup {r.WarmupSeconds:0} s{(r.WarmupSteady == false ? " (not steady)" : "")}{flags}");
        if (r.Machine is { } m)
            AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(MachineLine.Sets(m.CpuSets))}; throttled {MachineLine.Throttling(m.TargetThrottling)}" +
                $"{Markup.Escape(string.Concat(m.Interferers.Take(3).Select(p => $"; {p.Comm} ({p.Pid}) {p.CpuPercent:0.0} % of the {p.Cpus.ToString().ToLowerInvariant()}'s CPUs")))}" +
                $"{(r.Retried == true ? " — disturbed: running it again" : "")}[/]");
    }

    public static string Us(double us) => us switch
    {
        >= 1_000_000 => $"{us / 1_000_000:0.00} s",
        >= 1_000 => $"{us / 1_000:0.00} ms",
        _ => $"{us:0} µs",
    };

    private static string FirstLine(string s) => s.Split('\n')[0];
}
