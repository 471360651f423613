using System.Text;
using Bench.Load.Http;

namespace Bench.Load.Tests;

public class ParsingTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("10", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0s", 0)]
    public void Durations(string text, double ms)
    {
        Assert.True(DurationText.TryParse(text, out var t));
        Assert.Equal(ms, t.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("10x")]
    [InlineData("1m30")]
    [InlineData("s")]
    public void Invalid_durations(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0,2", new[] { 0, 2 })]
    [InlineData("1-3", new[] { 1, 2, 3 })]
    [InlineData("3,0-1", new[] { 0, 1, 3 })]
    public void Cpu_lists(string text, int[] expected)
    {
        Assert.True(CpuAffinity.TryParse(text, out var cpus, out _));
        Assert.Equal(expected, cpus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("-1")]
    [InlineData("0,,1")]
    public void Invalid_cpu_lists(string text) => Assert.False(CpuAffinity.TryParse(text, out _, out _));

    [Fact]
    public void Template_serialises_request_line_host_headers_and_body()
    {
        var t = new RequestTemplate(new Uri("http://127.0.0.1:8080/json/process?x=1"), "post",
            [new("Content-Type", "application/json"), new("Content-Length", "999")], "{}"u8.ToArray());
        Assert.Equal("POST /json/process?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
            Encoding.ASCII.GetString(t.Bytes.Span));
    }

    [Fact]
    public void Template_rejects_header_injection()
    {
        Assert.Throws<ArgumentException>(() => new RequestTemplate(new Uri("http://h/"), "GET", [new("X", "a\r\nEvil: 1")]));
    }

    [Theory]
    [InlineData("Authorization: Bearer abc", "Authorization", "Bearer abc")]
    [InlineData("X-A:b", "X-A", "b")]
    public void Header_arguments(string text, string name, string value)
    {
        Assert.True(RequestTemplate.TryParseHeader(text, out var h));
        Assert.Equal((name, value), (h.Key, h.Value));
    }

    [Theory]
    [InlineData("no colon")]
    [InlineData(": value")]
    [InlineData("Bad Name: v")]
    public void Invalid_header_arguments(string text) => Assert.False(RequestTemplate.TryParseHeader(text, out _));
}
