using System.Buffers.Text;
using System.Text;

namespace Bench.Load.Http;

internal enum ParseStatus : byte { NeedMore, Complete, Error }

/// <summary>
/// Incremental HTTP/1.1 response parser: status line, the three headers that decide framing
/// (Content-Length, Transfer-Encoding: chunked, Connection), then the body, which is skipped (or copied
/// into a capture buffer when this response is sampled for validation).
/// </summary>
/// <remarks>
/// A mutable struct embedded in its connection: no allocation, no virtual calls. Input may be split at
/// any byte. A line that is not complete yet is left unconsumed (the connection keeps those bytes at the
/// front of its receive buffer); body bytes are consumed as they arrive, so bodies need no buffering.
/// </remarks>
internal struct ResponseParser
{
    private enum State : byte { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, UntilClose, Done }

    private State _state;
    private bool _noBody, _chunked, _http10, _keepAliveHeader, _capturing;
    private long _contentLength, _remaining, _bodyBytes;
    private byte[]? _capture;
    private int _captureLength;

    public int StatusCode { readonly get; private set; }
    /// <summary>The server will close after this response (Connection: close, or HTTP/1.0 without keep-alive).</summary>
    public bool ConnectionClose { readonly get; private set; }
    public bool CaptureOverflowed { readonly get; private set; }
    /// <summary>This response was sampled: its body is being copied for validation.</summary>
    public readonly bool IsCapturing => _capturing;
    public readonly ReadOnlySpan<byte> CapturedBody => _capture.AsSpan(0, _captureLength);
    /// <summary>Body bytes received (after de-chunking), whether or not they were captured: every response's length is checked.</summary>
    public readonly long BodyBytes => _bodyBytes;
    /// <summary>The response carries no body by protocol (HEAD request, 204, 304): its length says nothing.</summary>
    public readonly bool BodyAbsentByProtocol => _noBody || StatusCode is 204 or 304;

    /// <summary>Prepares for the next response.</summary>
    /// <param name="noBody">the request was HEAD: any Content-Length describes a body that is not sent</param>
    /// <param name="capture">buffer to copy the body into (sampled validation), or null to skip the body</param>
    public void Reset(bool noBody, byte[]? capture)
    {
        _state = State.StatusLine;
        _noBody = noBody;
        _chunked = _http10 = _keepAliveHeader = false;
        _contentLength = -1;
        _remaining = _bodyBytes = 0;
        StatusCode = 0;
        ConnectionClose = false;
        _capture = capture;
        _capturing = capture is not null;
        _captureLength = 0;
        CaptureOverflowed = false;
    }

    /// <summary>
    /// Consumes bytes until one response is complete (<see cref="ParseStatus.Complete"/>; bytes after it
    /// belong to the next, pipelined response), or the input ends (<see cref="ParseStatus.NeedMore"/>).
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        var pos = 0;
        while (true)
        {
            switch (_state)
            {
                case State.StatusLine:
                case State.Headers:
                case State.ChunkSize:
                case State.ChunkEnd:
                case State.Trailers:
                {
                    var nl = data[pos..].IndexOf((byte)'\n');
                    if (nl < 0) { consumed = pos; return ParseStatus.NeedMore; }
                    var line = data.Slice(pos, nl);
                    pos += nl + 1;
                    if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
                    var status = OnLine(line);
                    if (status != ParseStatus.NeedMore) { consumed = pos; return status; }
                    break;
                }
                case State.Body:
                case State.ChunkData:
                {
                    var available = data.Length - pos;
                    if (available == 0) { consumed = pos; return ParseStatus.NeedMore; }
                    var take = (int)Math.Min(available, _remaining);
                    if (_capturing) Capture(data.Slice(pos, take));
                    pos += take;
                    _bodyBytes += take;
                    _remaining -= take;
                    if (_remaining > 0) break;
                    if (_state == State.ChunkData) { _state = State.ChunkEnd; break; }
                    _state = State.Done;
                    consumed = pos;
                    return ParseStatus.Complete;
                }
                case State.UntilClose:
                    if (_capturing) Capture(data[pos..]);
                    _bodyBytes += data.Length - pos;
                    consumed = data.Length;
                    return ParseStatus.NeedMore;
                default:
                    consumed = pos;
                    return ParseStatus.Error;
            }
        }
    }

    /// <summary>The server closed the connection: completes a body delimited by the close, else an error.</summary>
    public ParseStatus Finish()
    {
        if (_state != State.UntilClose) return ParseStatus.Error;
        _state = State.Done;
        ConnectionClose = true;
        return ParseStatus.Complete;
    }

    /// <summary>True when nothing of a response has been seen since <see cref="Reset"/>.</summary>
    public readonly bool AtResponseStart => _state == State.StatusLine;

    private ParseStatus OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.StatusLine:
                if (line.Length == 0) return ParseStatus.NeedMore; // tolerate a stray CRLF between responses
                if (!ParseStatusLine(line)) return ParseStatus.Error;
                _state = State.Headers;
                return ParseStatus.NeedMore;
            case State.Headers:
                return line.Length == 0 ? EndOfHeaders() : ParseHeader(line) ? ParseStatus.NeedMore : ParseStatus.Error;
            case State.ChunkSize:
                if (!TryParseChunkSize(line, out var size)) return ParseStatus.Error;
                if (size == 0) { _state = State.Trailers; return ParseStatus.NeedMore; }
                _remaining = size;
                _state = State.ChunkData;
                return ParseStatus.NeedMore;
            case State.ChunkEnd:
                if (line.Length != 0) return ParseStatus.Error;
                _state = State.ChunkSize;
                return ParseStatus.NeedMore;
            default: // Trailers: skipped until the blank line that ends the message
                if (line.Length != 0) return ParseStatus.NeedMore;
                _state = State.Done;
                return ParseStatus.Complete;
        }
    }

    private ParseStatus EndOfHeaders()
    {
        if (StatusCode < 200)
        {
            if (StatusCode == 101) return ParseStatus.Error; // protocol switch: not something a load test expects
            var (noBody, capture) = (_noBody, _capturing ? _capture : null);
            Reset(noBody, capture); // 100 Continue and friends: the real response follows
            return ParseStatus.NeedMore;
        }
        if (_http10 && !_keepAliveHeader) ConnectionClose = true;
        if (_noBody || StatusCode is 204 or 304) return Complete();
        if (_chunked) { _state = State.ChunkSize; return ParseStatus.NeedMore; }
        if (_contentLength == 0) return Complete();
        if (_contentLength > 0) { _remaining = _contentLength; _state = State.Body; return ParseStatus.NeedMore; }
        _state = State.UntilClose; // neither length nor chunked: the body ends when the server closes
        ConnectionClose = true;
        return ParseStatus.NeedMore;
    }

    private ParseStatus Complete()
    {
        _state = State.Done;
        return ParseStatus.Complete;
    }

    private bool ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // "HTTP/1.1 200 OK": version, one space, three digits, then an optional reason phrase.
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' ') return false;
        _http10 = line[7] == (byte)'0';
        var code = 0;
        for (var i = 9; i < 12; i++)
        {
            var d = line[i] - (byte)'0';
            if ((uint)d > 9) return false;
            code = code * 10 + d;
        }
        if (line.Length > 12 && line[12] != (byte)' ') return false;
        StatusCode = code;
        return code >= 100;
    }

    private bool ParseHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0) return false;
        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        switch (name.Length)
        {
            case 14 when Ascii.EqualsIgnoreCase(name, "content-length"u8):
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0) return false;
                if (_contentLength >= 0 && _contentLength != length) return false; // conflicting lengths: unsafe to frame
                _contentLength = length;
                break;
            case 17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                // chunked must be the final coding; "gzip, chunked" is still chunked framing
                _chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
                break;
            case 10 when Ascii.EqualsIgnoreCase(name, "connection"u8):
                if (ContainsIgnoreCase(value, "close"u8)) ConnectionClose = true;
                if (ContainsIgnoreCase(value, "keep-alive"u8)) _keepAliveHeader = true;
                break;
        }
        return true;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token)) return true;
        return false;
    }

    private static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        var digits = 0;
        foreach (var b in line)
        {
            int d;
            if (b is >= (byte)'0' and <= (byte)'9') d = b - '0';
            else if (b is >= (byte)'a' and <= (byte)'f') d = b - 'a' + 10;
            else if (b is >= (byte)'A' and <= (byte)'F') d = b - 'A' + 10;
            else if (b is (byte)';' or (byte)' ' or (byte)'\t') break; // chunk extensions are ignored
            else return false;
            if (++digits > 15) return false;
            size = size * 16 + d;
        }
        return digits > 0;
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        var room = _capture!.Length - _captureLength;
        if (bytes.Length > room) { CaptureOverflowed = true; bytes = bytes[..room]; }
        bytes.CopyTo(_capture.AsSpan(_captureLength));
        _captureLength += bytes.Length;
    }
}
