using System.Text.Json.Serialization;
using Bench.Pipeline.Results;
using Bench.Stats.Bounds;
using Pragmastat;

namespace Bench.Pipeline.Machine;

/// <summary>The two arms of the run's A/A comparison: the same target under the same scenario, measured twice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoiseArm>))]
public enum NoiseArm
{
    /// <summary>The target's regular trials: they count as its figures too.</summary>
    [JsonStringEnumMemberName("A1")] A1,
    /// <summary>The extra trials, interleaved with the rest: only the noise floor uses them.</summary>
    [JsonStringEnumMemberName("A2")] A2,
}

/// <summary>What one sample of the noise floor is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoiseSamples>))]
public enum NoiseSamples
{
    [JsonStringEnumMemberName("trials")] Trials,
    [JsonStringEnumMemberName("seconds")] Seconds,
}

/// <summary>
/// The run's own noise floor: one target measured against itself in the same interleaved design as the
/// comparisons (results.json <c>noiseFloor</c>). Both arms are the same thing, so whatever separates them is
/// the machine and the method: a comparison between targets says nothing about the targets unless its ratio
/// lies further from 1 than this.
/// Samples are the arms' trials (each trial's req/s) when both arms have at least
/// <see cref="BoundedEstimate.MinTrials"/> kept trials: the same unit the claims' ratios compare, so the floor
/// and a claim's bounds speak of the same thing. With fewer trials (--trials 1..3) they are the per-second
/// throughputs of the arms' measured windows (whole seconds), so a short run still has a spread to show; seconds
/// of one window are not independent draws (a slow stretch spans several), so those bounds' stated confidence is
/// nominal, and the true coverage lower.
/// </summary>
/// <param name="Ratio">Hodges–Lehmann ratio of arm A1's to arm A2's per-second req/s (Pragmastat's Ratio: the median of all pairwise ratios)</param>
/// <param name="Spread">relative spread of those pairwise ratios (Pragmastat's RelSpread: Shamos spread over the centre), how much one
/// second of A1 and one of A2 typically disagree</param>
/// <param name="HalfWidth">the floor, relative. With at least <see cref="BoundedEstimate.MinTrials"/> and at most
/// <see cref="RankSumDistribution.MaxSize"/> seconds in each arm: max(|L − 1|, |U − 1|) of the ratio's distribution-free
/// 95 % bounds [L, U] (<see cref="RatioBounds"/>, exact Mann–Whitney), the furthest from 1 the arms' true ratio may lie.
/// Otherwise (too few seconds for a bound, or more than the exact table takes): |ratio − 1| + spread, the distance
/// between the arms plus their typical disagreement</param>
/// <param name="Lower">L, when the floor comes from the bounds</param>
/// <param name="Upper">U, when the floor comes from the bounds</param>
/// <param name="Confidence">the bounds' nominal coverage (e.g. 0.968 for 5 and 5 seconds), when the floor comes from them</param>
/// <param name="Basis">what one sample is: a trial's req/s, or one second of a window's</param>
public sealed record NoiseFloor(string Target, string Scenario, int Trials, NoiseSamples Basis, int SamplesA1, int SamplesA2, double Ratio, double Spread, double HalfWidth,
    double? Lower, double? Upper, double? Confidence)
{
    /// <summary>The floor from a run's trials; null when either arm has fewer than two measured seconds (its trials failed).</summary>
    public static NoiseFloor? From(IReadOnlyList<TrialResult> trials)
    {
        // the trials the claims would count: a censored one (the load engine was the bottleneck) is a lower bound, not
        // a figure, and a disturbed one is left out of every bound; either would pass the engine's or a neighbour's
        // noise off as the machine's floor
        var kept = trials.Where(t => t.Arm is not null && t.Failure is null && t.Retried != true && !t.LoadGeneratorBound
                                     && !TrialFlags.IsDisturbed(t.Flags)).ToList();
        var a1 = kept.Where(t => t.Arm == NoiseArm.A1).ToList();
        var a2 = kept.Where(t => t.Arm == NoiseArm.A2).ToList();
        if (a1.Count == 0 || a2.Count == 0) return null;
        var basis = a1.Count >= BoundedEstimate.MinTrials && a2.Count >= BoundedEstimate.MinTrials && kept.All(t => t.RequestsPerSecond > 0)
            ? NoiseSamples.Trials : NoiseSamples.Seconds;
        var x = (basis == NoiseSamples.Trials ? a1.Select(t => t.RequestsPerSecond!.Value) : a1.SelectMany(Seconds)).ToList();
        var y = (basis == NoiseSamples.Trials ? a2.Select(t => t.RequestsPerSecond!.Value) : a2.SelectMany(Seconds)).ToList();
        if (x.Count < 2 || y.Count < 2) return null;
        var ratio = Toolkit.Ratio(new Sample(x), new Sample(y)).NominalValue;
        var pairwise = x.SelectMany(a => y.Select(b => a / b)).ToList();
        var spread = Toolkit.RelSpread(new Sample(pairwise)).NominalValue;
        var bounds = Math.Max(x.Count, y.Count) <= RankSumDistribution.MaxSize ? RatioBounds.Of(x, y) : null;
        var halfWidth = bounds is { Lower: { } l, Upper: { } u }
            ? Math.Max(Math.Abs(l - 1), Math.Abs(u - 1))
            : Math.Abs(ratio - 1) + spread;
        return new NoiseFloor(a1[0].Target, a1[0].Scenario, Math.Min(a1.Count, a2.Count), basis, x.Count, y.Count,
            Math.Round(ratio, 4), Math.Round(spread, 4), Math.Round(halfWidth, 4),
            Round(bounds?.Lower), Round(bounds?.Upper), Round(bounds?.Confidence));
    }

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 4) : null;

    /// <summary>The window's whole seconds with successful requests (the last, partial second is left out).</summary>
    private static IEnumerable<double> Seconds(TrialResult t) =>
        (t.Timeline ?? []).Where(s => !s.Warmup && s.Second + 1 <= (t.DurationSeconds ?? 0) + 1e-6 && s.Requests > 0).Select(s => (double)s.Requests);
}
