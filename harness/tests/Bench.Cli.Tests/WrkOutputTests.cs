using Bench.Cli.Commands;

namespace Bench.Cli.Tests;

/// <summary>`bench calibrate` reads wrk's text output: its numbers must come out in microseconds, whatever unit wrk chose.</summary>
public class WrkOutputTests
{
    // wrk 4.1 (Debian bookworm), -t1 -c64 --latency
    private const string Output = """
        Running 10s test @ http://127.0.0.1:40123/json
          1 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.21ms  228.24us   4.21ms   76.54%
            Req/Sec    53.48k     3.21k   58.12k    72.00%
          Latency Distribution
             50%  361.00us
             75%  500.00us
             90%  700.00us
             99%    1.85ms
          534747 requests in 10.00s, 71.10MB read
        Requests/sec:  53474.69
        Transfer/sec:      7.11MB
        """;

    [Fact]
    public void Reads_throughput_mean_and_percentiles_in_microseconds()
    {
        var r = CalibrateCommand.Wrk.Parse(Output);
        Assert.Equal(53474.69, r.Rps, 2);
        Assert.Equal(1210, r.MeanUs, 3);
        Assert.Equal(361, r.P50Us, 3);
        Assert.Equal(1850, r.P99Us, 3);
    }

    [Fact]
    public void Busy_connections_follow_Littles_law()
    {
        var r = CalibrateCommand.Wrk.Parse(Output);
        Assert.Equal(53474.69 * 1210e-6, r.InFlight, 3); // ≈ 64.7: every connection was waiting on the target
    }

    [Fact]
    public void Output_without_a_throughput_line_is_an_error_that_shows_it()
    {
        var e = Assert.Throws<Bench.Core.BenchException>(() => CalibrateCommand.Wrk.Parse("unable to connect to 127.0.0.1:1 Connection refused"));
        Assert.Contains("Connection refused", e.Message);
    }
}
