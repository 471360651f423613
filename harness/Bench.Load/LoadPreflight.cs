using System.Net;
using System.Net.Sockets;

namespace Bench.Load;

/// <summary>Checks before a run: the URL is one the engine can load, the host resolves, something listens.</summary>
public static class LoadPreflight
{
    /// <summary>Parses a command-line URL; null and a one-line reason when it is not a usable http:// URL.</summary>
    public static Uri? ParseUrl(string text, out string error)
    {
        error = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.IsFile || uri.IsUnc)
        {
            error = $"'{text}' is not a valid URL (expected e.g. http://127.0.0.1:8080/plaintext)";
            return null;
        }
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            error = $"'{text}': HTTPS is out of scope, the load engine speaks plain HTTP/1.1 only (use http://)";
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            error = $"'{text}': unsupported scheme '{uri.Scheme}' (use http://)";
            return null;
        }
        return uri;
    }

    /// <summary>Resolves the URL's host to one address (IPv4 preferred, as most targets bind 127.0.0.1).</summary>
    public static async Task<IPEndPoint> ResolveAsync(Uri target, CancellationToken ct = default)
    {
        var host = target.DnsSafeHost;
        if (!IPAddress.TryParse(host, out var address))
        {
            var all = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            address = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault()
                ?? throw new SocketException((int)SocketError.HostNotFound);
        }
        return new IPEndPoint(address, target.Port);
    }

    /// <summary>One TCP connect to the target. Null when it succeeds, else a one-line reason.</summary>
    public static async Task<string?> CheckReachableAsync(Uri target, TimeSpan timeout, CancellationToken ct = default)
    {
        IPEndPoint endPoint;
        try
        {
            endPoint = await ResolveAsync(target, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return $"cannot resolve host '{target.Host}': {e.Message}";
        }
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, cts.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"cannot connect to {endPoint}: no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            var reason = e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused; is the server running?" : e.Message;
            return $"cannot connect to {endPoint}: {reason}";
        }
    }
}
