using System.Text;

namespace Bench.Load.Http;

/// <summary>
/// One HTTP/1.1 request serialised once, up front: the hot path only copies these bytes to a socket.
/// </summary>
public sealed class RequestTemplate
{
    /// <summary>The complete request: request line, headers, blank line, body.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }
    public string Method { get; }
    public string PathAndQuery { get; }

    /// <summary>HEAD responses carry a Content-Length but no body: the parser must be told.</summary>
    public bool ExpectsNoBody => Method == "HEAD";

    /// <param name="target">absolute http:// URL; its authority becomes the Host header</param>
    /// <param name="method">e.g. GET, POST (upper case on the wire)</param>
    /// <param name="headers">extra headers; Host and Content-Length are written by the template</param>
    /// <param name="body">request body; sent with a Content-Length</param>
    /// <param name="pathAndQuery">overrides the URL's path and query (for pools of variants)</param>
    public RequestTemplate(Uri target, string method = "GET", IEnumerable<KeyValuePair<string, string>>? headers = null,
        ReadOnlyMemory<byte> body = default, string? pathAndQuery = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri) throw new ArgumentException("the target URL must be absolute", nameof(target));
        if (string.IsNullOrWhiteSpace(method) || method.Any(c => c is ' ' or '\r' or '\n'))
            throw new ArgumentException($"invalid HTTP method '{method}'", nameof(method));
        Method = method.ToUpperInvariant();
        PathAndQuery = string.IsNullOrEmpty(pathAndQuery) ? target.PathAndQuery : pathAndQuery;
        if (!PathAndQuery.StartsWith('/')) PathAndQuery = "/" + PathAndQuery;

        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(target.IsDefaultPort ? target.Host : $"{target.Host}:{target.Port}").Append("\r\n");
        foreach (var (name, value) in headers ?? [])
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                continue;
            if (name.Length == 0 || (name + value).Any(c => c is '\r' or '\n') || name.Contains(':'))
                throw new ArgumentException($"invalid header '{name}: {value}'", nameof(headers));
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (body.Length > 0 || Method is "POST" or "PUT" or "PATCH")
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");

        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(all, 0);
        body.Span.CopyTo(all.AsSpan(headBytes.Length));
        Bytes = all;
    }

    /// <summary>Parses "Name: value" as given on a command line (curl/wrk style).</summary>
    public static bool TryParseHeader(string text, out KeyValuePair<string, string> header)
    {
        header = default;
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var name = text[..colon].Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace)) return false;
        header = new(name, text[(colon + 1)..].Trim());
        return true;
    }

    public override string ToString() => $"{Method} {PathAndQuery} ({Bytes.Length} bytes)";
}
