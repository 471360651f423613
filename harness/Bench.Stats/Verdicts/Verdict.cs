namespace Bench.Stats.Verdicts;

/// <summary>What the measurements say about a claim (or one endpoint of it).</summary>
public enum Verdict
{
    /// <summary>The whole confidence interval agrees with the claim.</summary>
    Confirmed,
    /// <summary>RANGE/POINT: the whole interval lies above what was claimed (faster than claimed).</summary>
    Exceeded,
    /// <summary>The whole interval contradicts the claim.</summary>
    Refuted,
    /// <summary>The interval straddles a boundary: more trials (or less noise) are needed.</summary>
    Inconclusive,
    /// <summary>Too many trials were disturbed by the machine (stolen, throttled, interference) to judge on the rest.</summary>
    Disturbed,
    /// <summary>This run cannot test it (a scenario not run, too few trials, one target core...): the reason says which.</summary>
    Untestable,
}

/// <summary>A verdict and why, in words a reader can check against the figures.</summary>
public sealed record Judgement(Verdict Verdict, string Reason);
