namespace Bench.Load.Workers;

/// <summary>Why a request (or a connect) failed; each maps to one counter of <c>errors</c> in the result.</summary>
internal enum ErrorClass : byte
{
    ConnectRefused,
    /// <summary>The connection was reset or closed before the response was complete.</summary>
    Reset,
    Timeout,
    /// <summary>Anything else: an unparseable response, an unsolicited response, an unexpected socket error.</summary>
    Other,
}
