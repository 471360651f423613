namespace Bench.Load;

/// <summary>
/// Failed requests by class. Each request sent ends as exactly one success or one of these (connect
/// failures, which have no request, are counted per attempt). Only the measured window counts.
/// </summary>
public sealed record ErrorSummary
{
    public long Total { get; init; }
    /// <summary>Connect attempts refused (nothing listening).</summary>
    public long ConnectRefused { get; init; }
    /// <summary>Requests lost because the connection was reset or closed before their response was complete.</summary>
    public long Reset { get; init; }
    /// <summary>Requests not answered within the per-request timeout (and connects that did not complete in it).</summary>
    public long Timeout { get; init; }
    /// <summary>Responses with a status outside 200–399, by status code ("500": 12).</summary>
    public IReadOnlyDictionary<string, long> Status { get; init; } = new Dictionary<string, long>();
    /// <summary>Sampled responses whose body failed the validator.</summary>
    public long BodyMismatch { get; init; }
    /// <summary>Malformed or unsolicited responses, unexpected socket errors.</summary>
    public long Other { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public long StatusTotal => Status.Values.Sum();
}
