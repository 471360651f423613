using Bench.Load.Http;
using Bench.Load.Models;

namespace Bench.Load;

/// <summary>What to run: against which URL, which requests, how many connections, for how long, under which model.</summary>
public sealed record LoadSpec
{
    /// <summary>http:// URL of the target; with no <see cref="Requests"/>, a GET of this URL is the request.</summary>
    public required Uri Target { get; init; }
    /// <summary>Pre-built request variants, taken round-robin. Default: GET <see cref="Target"/>.</summary>
    public RequestPool? Requests { get; init; }
    public int Connections { get; init; } = 64;
    /// <summary>The measured window (or, with <see cref="MaxRequests"/>, a cap on the whole run).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Load applied before the measured window and not recorded.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    public LoadModel Model { get; init; } = LoadModel.Closed;
    /// <summary>Requests a connection may have in flight at once (1 = no pipelining; TechEmpower's plaintext uses 16).</summary>
    public int PipelineDepth { get; init; } = 1;
    /// <summary>A request not answered within this time fails as a timeout (its connection is replaced).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Sampled check of response bodies; mismatches count as <c>bodyMismatch</c>.</summary>
    public ResponseValidator? Validator { get; init; }
    /// <summary>
    /// Count-bounded run: exactly this many requests are sent in all, and the run ends when each has an
    /// outcome (or <see cref="Duration"/> passes). Every request is recorded: no warmup allowed.
    /// </summary>
    public long? MaxRequests { get; init; }
    /// <summary>Worker threads (event loops). Default: one per CPU this process may run on, at most one per connection.</summary>
    public int? Workers { get; init; }
    /// <summary>Open model: a request sent later than this after its intended time counts as a missed schedule.</summary>
    public TimeSpan MissedScheduleThreshold { get; init; } = TimeSpan.FromMilliseconds(1);
    /// <summary>Pause before re-trying a connect that failed (keeps a dead server from being hammered).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// While responses keep arriving, a worker polls this long for more before sleeping: sleeping and
    /// being woken costs a context switch per round trip, which slows the load and inflates latency.
    /// The polling is not counted as engine CPU use. Zero always sleeps.
    /// </summary>
    public TimeSpan BusyPoll { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>
    /// Called when the measured window opens (connections are up, no request sent yet; or the warmup ends)
    /// and when it closes (every worker has stopped, connections still open), on the engine's control thread,
    /// never a worker's. A caller reads counters there that must cover exactly the window the request count
    /// covers, such as the target's CPU time. Keep it short: the window opens right after the call returns.
    /// </summary>
    public Action? WindowOpened { get; init; }
    /// <inheritdoc cref="WindowOpened"/>
    public Action? WindowClosed { get; init; }

    /// <summary>
    /// The engine's calibrated ceiling on this machine (<see cref="Bound.EngineCeiling.Load"/>); a run near it is
    /// flagged engine-bound. Null: no ceiling is known, and the run's evidence says so.
    /// </summary>
    public Bound.EngineCeiling? Ceiling { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason when the spec cannot run.</summary>
    public void Validate()
    {
        if (!Target.IsAbsoluteUri) throw new ArgumentException($"'{Target}' is not an absolute URL");
        if (Target.Scheme == Uri.UriSchemeHttps)
            throw new ArgumentException("HTTPS is out of scope: the load engine speaks plain HTTP/1.1 only (use http://)");
        if (Target.Scheme != Uri.UriSchemeHttp) throw new ArgumentException($"unsupported scheme '{Target.Scheme}': use http://");
        if (Connections < 1) throw new ArgumentException($"connections must be at least 1 (got {Connections})");
        if (Duration <= TimeSpan.Zero) throw new ArgumentException($"duration must be positive (got {Duration})");
        if (Warmup < TimeSpan.Zero) throw new ArgumentException($"warmup cannot be negative (got {Warmup})");
        if (PipelineDepth is < 1 or > 1024) throw new ArgumentException($"pipeline depth must be 1..1024 (got {PipelineDepth})");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException($"timeout must be positive (got {RequestTimeout})");
        if (MaxRequests is < 1) throw new ArgumentException($"max requests must be at least 1 (got {MaxRequests})");
        if (MaxRequests is not null && Warmup > TimeSpan.Zero) throw new ArgumentException("a count-bounded run records every request: warmup must be 0");
        if (BusyPoll < TimeSpan.Zero) throw new ArgumentException($"busy poll cannot be negative (got {BusyPoll})");
        if (Workers is < 1) throw new ArgumentException($"workers must be at least 1 (got {Workers})");
        if (Model is RampModel ramp)
        {
            if (!double.IsFinite(ramp.FromRequestsPerSecond) || !double.IsFinite(ramp.ToRequestsPerSecond) ||
                ramp.FromRequestsPerSecond < 0 || ramp.ToRequestsPerSecond < 0)
                throw new ArgumentException("rates must be finite and not negative");
            if (ramp.FromRequestsPerSecond <= 0 && ramp.ToRequestsPerSecond <= 0)
                throw new ArgumentException("the rate must be positive");
        }
    }

    internal RequestPool EffectiveRequests => Requests ?? RequestPool.Single(new RequestTemplate(Target));
}
