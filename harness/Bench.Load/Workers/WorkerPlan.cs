using Bench.Load.Http;
using Bench.Load.Native;

namespace Bench.Load.Workers;

/// <summary>What one worker does: its share of the connections, of the rate and of a request budget.</summary>
internal sealed record WorkerPlan
{
    public required int Id { get; init; }
    public required int Connections { get; init; }
    public required SockAddr Address { get; init; }
    public required RequestTemplate[] Variants { get; init; }
    public required int PipelineDepth { get; init; }
    public required long TimeoutTicks { get; init; }
    public required long ReconnectDelayTicks { get; init; }
    public ResponseValidator? Validator { get; init; }
    /// <summary>Requests this worker may send in all (count-bounded runs), else <see cref="long.MaxValue"/>.</summary>
    public long Budget { get; init; } = long.MaxValue;
    /// <summary>Open model only: this worker's share of the rate, and its phase so workers do not fire in unison.</summary>
    public bool Open { get; init; }
    public double RateFrom { get; init; }
    public double RateTo { get; init; }
    public double PhaseSeconds { get; init; }
    public long MissedThresholdTicks { get; init; }
    public TimeSpan Warmup { get; init; }
    public TimeSpan Duration { get; init; }
    public int TimelineSeconds { get; init; }
    /// <summary>How long to poll without blocking after events, before sleeping in epoll_wait (0: never poll).</summary>
    public long BusyPollTicks { get; init; }
}
