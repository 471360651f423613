namespace Bench.Load.Models;

/// <summary>How requests are issued.</summary>
public abstract record LoadModel
{
    /// <summary>Closed model: every connection sends its next request as soon as the previous answer arrives.</summary>
    public static LoadModel Closed { get; } = new ClosedModel();

    /// <summary>Open model: R requests per second on a fixed schedule, whatever the server does.</summary>
    public static LoadModel ConstantRate(double requestsPerSecond) => new RampModel(requestsPerSecond, requestsPerSecond);

    /// <summary>Open model whose rate grows (or shrinks) linearly from <paramref name="from"/> to <paramref name="to"/> over the measured duration; the warmup runs at <paramref name="from"/>.</summary>
    public static LoadModel Ramp(double from, double to) => new RampModel(from, to);

    /// <summary>"closed", "constantRate" or "ramp", as written in results.</summary>
    public abstract string Name { get; }
}

/// <inheritdoc cref="LoadModel.Closed"/>
public sealed record ClosedModel : LoadModel
{
    public override string Name => "closed";
}

/// <summary>The open model: a constant rate is a ramp whose ends are equal.</summary>
public sealed record RampModel(double FromRequestsPerSecond, double ToRequestsPerSecond) : LoadModel
{
    public bool IsConstant => FromRequestsPerSecond == ToRequestsPerSecond;
    public override string Name => IsConstant ? "constantRate" : "ramp";
}
