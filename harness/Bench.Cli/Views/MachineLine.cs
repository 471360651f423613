using System.Globalization;
using Bench.Pipeline.Machine;
using Spectre.Console;

namespace Bench.Cli.Views;

/// <summary>
/// The machine in one line, first in the run's summary and on every trial's line: steal and interference per
/// CPU set, throttling, and whether the figures below can be relied on.
/// </summary>
internal static class MachineLine
{
    public static void Print(RunMachine? machine, NoiseFloor? floor)
    {
        if (machine is not null)
        {
            var text = $"machine: {Sets(machine.CpuSets)}; throttled {Throttling(machine.TargetThrottling)}" +
                       $"; {machine.DisturbedTrials} trial(s) disturbed, {machine.RerunTrials} re-run" +
                       (machine.StillDisturbedTrials > 0 ? $", {machine.StillDisturbedTrials} still disturbed" : "") +
                       (machine.Frequency.Available ? "" : "; frequency unavailable");
            AnsiConsole.MarkupLine(machine.Unreliable
                ? $"[red]{Markup.Escape(text)} — figures unreliable[/]"
                : Markup.Escape(text));
        }
        Console.WriteLine(floor is null
            ? "noise floor: not measured (the A/A trials have no figures)"
            : string.Create(CultureInfo.InvariantCulture,
                $"noise floor (A/A, {floor.Target} · {floor.Scenario}, {floor.Trials} trial(s) per arm): ratio {floor.Ratio:0.000}, spread {floor.Spread:P1}: differences under ±{floor.HalfWidth:P1} are this machine's noise"));
    }

    /// <summary>"engine 0: steal 0.0 %, other 0.4 %; target 1: steal 0.0 %, other 1.2 %".</summary>
    public static string Sets(IEnumerable<CpuSetNoise> sets) => string.Join("; ", sets.Select(s =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Role.ToString().ToLowerInvariant()} {s.Cpus}: steal {Percent(s.StealPercent)}, other processes {Percent(s.InterferencePercent)}{Max(s.MaxInterferencePercent)}")));

    private static string Max(double? max) =>
        max is { } m ? string.Create(CultureInfo.InvariantCulture, $" (max {m:0.0} %)") : "";

    public static string Throttling(CgroupThrottling? t) => t is null
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{t.ThrottledSeconds * 1000:0.#} ms ({t.ThrottledTimePercent:0.##} % of the time, {t.ThrottledPeriods}/{t.Periods} periods)");

    private static string Percent(double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0} %") : "unknown";
}
