using System.Net;
using System.Net.Sockets;
using Bench.Core;
using Bench.Runtime.Net;
using Bench.Runtime.Targets;

namespace Bench.Runtime.Tests;

public sealed class PortsAndCpusTests
{
    [Fact]
    public void A_port_in_use_is_reported_with_what_to_do()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var e = Assert.Throws<BenchException>(() => Ports.EnsureFree(port));
        Assert.Contains($"port {port}", e.Message);
        Assert.Contains("already in use", e.Message);
    }

    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0-1", new[] { 0, 1 })]
    [InlineData("1,0", new[] { 1, 0 })]
    public void Cpu_lists_parse_like_taskset(string list, int[] expected) => Assert.Equal(expected, CpuList.Parse(list));

    [Theory]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("")]
    [InlineData("999")]
    public void Bad_cpu_lists_are_rejected(string list) => Assert.Throws<BenchException>(() => CpuList.Parse(list));
}
