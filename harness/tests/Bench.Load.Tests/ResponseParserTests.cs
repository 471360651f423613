using System.Text;
using Bench.Load.Http;

namespace Bench.Load.Tests;

public class ResponseParserTests
{
    private const string ContentLength = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
    private const string Chunked = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nHello\r\n8;name=value\r\n, World!\r\n0\r\nX-Trailer: 1\r\n\r\n";

    /// <summary>Feeds <paramref name="wire"/> in pieces of <paramref name="piece"/> bytes, keeping unconsumed bytes like a connection does.</summary>
    private static List<(int Status, string Body, bool Close)> ParseAll(string wire, int piece, bool noBody = false)
    {
        var bytes = Encoding.ASCII.GetBytes(wire);
        var parser = new ResponseParser();
        var capture = new byte[1024];
        var responses = new List<(int, string, bool)>();
        var pending = new List<byte>();
        var armed = false;
        for (var offset = 0; offset < bytes.Length; offset += piece)
        {
            pending.AddRange(bytes.Skip(offset).Take(piece));
            var buffer = pending.ToArray();
            var pos = 0;
            while (pos < buffer.Length)
            {
                if (!armed) { parser.Reset(noBody, capture); armed = true; }
                var status = parser.Parse(buffer.AsSpan(pos), out var consumed);
                pos += consumed;
                Assert.NotEqual(ParseStatus.Error, status);
                if (status == ParseStatus.NeedMore) break;
                responses.Add((parser.StatusCode, Encoding.ASCII.GetString(parser.CapturedBody), parser.ConnectionClose));
                armed = false;
            }
            pending = [.. buffer.Skip(pos)];
        }
        if (armed && parser.Finish() == ParseStatus.Complete)
            responses.Add((parser.StatusCode, Encoding.ASCII.GetString(parser.CapturedBody), parser.ConnectionClose));
        return responses;
    }

    [Theory]
    [InlineData(ContentLength)]
    [InlineData(Chunked)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n" + ContentLength)]
    public void Parses_the_same_response_whatever_the_split(string wire)
    {
        for (var piece = 1; piece <= wire.Length; piece++)
        {
            var all = ParseAll(wire + wire, piece); // two pipelined responses
            Assert.Equal(2, all.Count);
            Assert.All(all, r => Assert.Equal((200, "Hello, World!", false), r));
        }
    }

    [Fact]
    public void Head_response_has_no_body_despite_content_length()
    {
        var head = ContentLength[..^13];
        var all = ParseAll(head + head, 7, noBody: true);
        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.Equal("", r.Body));
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", 204)]
    [InlineData("HTTP/1.1 304 Not Modified\r\n\r\n", 304)]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}", 500)]
    public void Status_and_bodiless_responses(string wire, int status)
    {
        var all = ParseAll(wire + wire, 3);
        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.Equal(status, r.Status));
    }

    [Fact]
    public void Connection_close_and_http10_are_reported()
    {
        Assert.True(ParseAll("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", 4).Single().Close);
        Assert.True(ParseAll("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 4).Single().Close);
        Assert.False(ParseAll("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", 4).Single().Close);
    }

    [Fact]
    public void Body_without_length_ends_with_the_connection()
    {
        var r = ParseAll("HTTP/1.1 200 OK\r\n\r\nuntil the end", 5).Single();
        Assert.Equal("until the end", r.Body);
        Assert.True(r.Close);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    public void Malformed_responses_are_errors(string wire)
    {
        var parser = new ResponseParser();
        parser.Reset(false, null);
        Assert.Equal(ParseStatus.Error, parser.Parse(Encoding.ASCII.GetBytes(wire), out _));
    }

    [Fact]
    public void Capture_overflow_is_flagged_and_bounded()
    {
        var parser = new ResponseParser();
        var capture = new byte[5];
        parser.Reset(false, capture);
        Assert.Equal(ParseStatus.Complete, parser.Parse(Encoding.ASCII.GetBytes(ContentLength), out _));
        Assert.True(parser.CaptureOverflowed);
        Assert.Equal("Hello", Encoding.ASCII.GetString(parser.CapturedBody));
    }
}
