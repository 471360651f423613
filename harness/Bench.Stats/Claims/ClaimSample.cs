using Bench.Core.Claims;
using Bench.Stats.Verdicts;

namespace Bench.Stats.Claims;

/// <summary>
/// One trial's value of one metric, in the metric's unit (<see cref="ClaimMetricUnits.Unit"/>): what the claims
/// are judged from. <paramref name="Censored"/>: the true value is at least this (the load generator was the
/// bottleneck); <paramref name="Disturbances"/>: machine noise during the trial.
/// </summary>
public sealed record ClaimSample(string Target, string Scenario, ClaimMetric Metric, double Value,
    bool Censored = false, Disturbance Disturbances = Disturbance.None);

/// <summary>What the run was like, as far as the rules need it.</summary>
/// <param name="Runtime">"local" or "docker".</param>
/// <param name="TargetCores">CPU cores each target had (node-cluster needs ≥ 2).</param>
/// <param name="NoiseFloor">The relative noise between identical trials; GT/EQ/POINT bands never go below it.</param>
public sealed record ClaimContext(string Runtime, int TargetCores, double NoiseFloor = 0, double Confidence = 0.95);
