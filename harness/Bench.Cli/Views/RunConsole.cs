using System.Diagnostics;
using Bench.Load;
using Bench.Pipeline;
using Bench.Pipeline.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Bench.Cli.Views;

/// <summary>
/// Shows a run as it goes. On a terminal, a live Spectre.Console progress display under the trials' result lines:
/// trial n of N, the current cell (scenario × target) and its trial k of K, the last second's throughput, the time
/// elapsed and the time left (<see cref="RunProgress"/>). Redirected (CI logs), plain lines only: each finished
/// trial's result, then a "progress:" line with the same counts and times.
/// </summary>
internal sealed class RunConsole : IRunObserver
{
    private readonly bool _live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    private readonly Stopwatch _clock = new();
    private RunProgress? _progress;
    private ProgressTask? _bar;
    // The observer's events come from the run's and the engine's threads, the display's refresh from its own.
    private readonly Lock _gate = new();

    /// <summary>Runs <paramref name="run"/> with this console as its observer, inside the live display on a terminal.</summary>
    public Task<T> ShowAsync<T>(Func<IRunObserver, Task<T>> run)
    {
        if (!_live) return run(this);
        return AnsiConsole.Progress()
            .AutoClear(true) // the result lines and the summary stay; the bar goes when the run ends
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TimesColumn(Times), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                _bar = context.AddTask("preparing the first session", maxValue: 1);
                return await run(this);
            });
    }

    public void Planned(RunEstimate e)
    {
        Console.Error.WriteLine($"plan: {e.Sessions} sessions (a fresh target each), {e.Trials} trials; about {Minutes(e.Shortest)}" +
            (e.Longest - e.Shortest > TimeSpan.FromMinutes(1) ? $", up to {Minutes(e.Longest)} if every warmup runs to its maximum" : "") + " (retries come on top)");
        lock (_gate) _progress = new RunProgress(e, () => _clock.Elapsed);
        _clock.Restart();
        if (_bar is not null) _bar.MaxValue = Math.Max(1, e.Trials);
    }

    private static string Minutes(TimeSpan t) => t < TimeSpan.FromMinutes(2) ? $"{t.TotalSeconds:0} s" : $"{t.TotalMinutes:0} min";

    public void TrialStarting(PlannedTrial t, int index, int count)
    {
        lock (_gate) _progress?.Started(index);
        if (_bar is not null) _bar.Description = Markup.Escape($"{Cell(t, index, count)} · starting");
    }

    public void LoadSecond(PlannedTrial t, LoadSecond s)
    {
        if (_bar is null) return;
        int index, count;
        lock (_gate)
        {
            if (_progress?.Current is null) return;
            (index, count) = (_progress.CurrentNumber - 1, _progress.Count);
        }
        var what = s.Warmup ? $"warmup {s.Second + 1}s" : $"{s.Second + 1}s";
        _bar.Description = Markup.Escape($"{Cell(t, index, count)} · {what} {s.Requests:N0} req/s p99 {Us(s.P99Us)}" + (s.Errors > 0 ? $" errors {s.Errors:N0}" : ""));
    }

    /// <summary>"[37/120] json × rust-axum · trial 2 of 5" (with the A/A arm and the attempt when there is one).</summary>
    private string Cell(PlannedTrial t, int index, int count)
    {
        (int, int) cell;
        lock (_gate) cell = _progress?.CellTrial(t) ?? (t.Trial, t.Trial);
        var (trial, of) = cell;
        return $"[{index + 1}/{count}] {t.Scenario.Name} × {t.Target.Name} · trial {trial} of {of}"
               + (t.Arm is { } arm ? $" ({arm})" : "") + (t.Attempt > 1 ? $" · attempt {t.Attempt}" : "");
    }

    /// <summary>"12:10 elapsed · about 30 min left".</summary>
    private string Times()
    {
        lock (_gate)
            return _progress is null ? "" :
                $"{Clock(_progress.Elapsed)} elapsed · " + (_progress.Done == _progress.Count ? "done" : $"about {Minutes(_progress.Remaining)} left");
    }

    /// <summary>Elapsed and time left, computed at every refresh of the display so the clock moves between events.</summary>
    private sealed class TimesColumn(Func<string> text) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(text(), new Style(Color.Grey));
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : $"{t:m\\:ss}";

    public void TrialFinished(PlannedTrial t, TrialResult r, int index, int count)
    {
        PrintResult(t, r, index, count);
        int done, of;
        lock (_gate)
        {
            if (_progress is null) return;
            // a trial the machine disturbed runs again at once: it is done when its last attempt is
            if (r.Retried != true) _progress.Finished(index);
            (done, of) = (_progress.Done, _progress.Count);
        }
        if (_bar is not null)
        {
            _bar.Value = done;
            _bar.Description = Markup.Escape($"{done} of {of} trials done");
        }
        else
        {
            Console.WriteLine($"progress: {done} of {of} trials done · {Times()}");
        }
    }

    private static void PrintResult(PlannedTrial t, TrialResult r, int index, int count)
    {
        var head = $"[{index + 1}/{count}] {t.Target.Name} · {t.Scenario.Name} · trial {t.Trial}"
                   + (t.Arm is { } arm ? $" ({arm})" : "") + (t.Attempt > 1 ? $" · attempt {t.Attempt}" : "");
        if (r.Failure is not null)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(head)}: FAILED[/] {Markup.Escape(FirstLine(r.Failure))}");
            return;
        }
        var flags = r.Flags.Count == 0 ? "" : $" [yellow]⚑ {Markup.Escape(string.Join(", ", r.Flags))}[/]";
        if (r.Latency is null) // a cold start: no load
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(head)}: startup {r.StartupMs:0} ms, idle memory {Format.Bytes(r.IdleRssBytes)}, deployed {Format.Bytes(r.ArtifactBytes)}{flags}");
            return;
        }
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
