using Bench.Core.Claims;
using Bench.Pipeline.Results;
using Bench.Stats.Claims;

namespace Bench.Pipeline.Claims;

/// <summary>
/// A run's claims judged from its own trials: the one path `bench run` (into results.json) and `bench verdicts`
/// (from an existing results.json) both take, so the two can never judge the same trials differently.
/// </summary>
public static class RunVerdicts
{
    /// <summary>
    /// The relative noise the GT/EQ/POINT bands never go below: the one given, else the run's own A/A floor (differences
    /// within it are the machine's, never a verdict), else 0 when the run has none.
    /// </summary>
    public static double NoiseFloor(RunResults run, double? given = null) => given ?? run.NoiseFloor?.HalfWidth ?? 0;

    public static IReadOnlyList<ClaimResult> Judge(ClaimCatalog catalog, RunResults run, double noiseFloor) =>
        ClaimEvaluator.Evaluate(catalog, ClaimInputs.Samples(run.Trials), ClaimInputs.Context(run, noiseFloor));
}
