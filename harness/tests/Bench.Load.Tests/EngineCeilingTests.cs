using Bench.Load.Bound;
using Bench.Load.Calibration;

namespace Bench.Load.Tests;

/// <summary>The calibrated ceiling: saved and loaded, applied only where comparable, and never invented.</summary>
public class EngineCeilingTests
{
    private static readonly EngineCeiling Ceiling = new()
    {
        MeasuredUtc = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), RequestsPerSecond = 100_000, EngineCpuPercent = 99,
        EngineCpus = "0", ServerCpu = 1, Connections = 64, PipelineDepth = 1, Workers = 1, Runs = [99_000, 100_000, 101_000],
    };

    [Fact]
    public void A_saved_ceiling_loads_back_and_a_missing_or_broken_file_is_no_ceiling()
    {
        var dir = Directory.CreateTempSubdirectory("bench-ceiling-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", EngineCeiling.FileName);
            Assert.Null(EngineCeiling.Load(path));
            Ceiling.Save(path);
            var loaded = EngineCeiling.Load(path)!;
            Assert.Equal(Ceiling with { Runs = [] }, loaded with { Runs = [] });
            Assert.Equal(Ceiling.Runs, loaded.Runs);
            File.WriteAllText(path, "{ not json");
            Assert.Null(EngineCeiling.Load(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_ceiling_applies_only_to_the_same_pipeline_depth_and_worker_count()
    {
        Assert.Null(Ceiling.MismatchWith(pipelineDepth: 1, workers: 1));
        Assert.Contains("pipeline 1", Ceiling.MismatchWith(pipelineDepth: 16, workers: 1));
        Assert.Contains("1 engine worker", Ceiling.MismatchWith(pipelineDepth: 1, workers: 2));
    }

    [Fact]
    public async Task A_run_without_a_calibration_says_so_and_a_run_with_one_records_its_fraction()
    {
        using var server = new FixedResponseServer(cpu: null);
        var spec = new LoadSpec { Target = server.Url, Connections = 4, Workers = 1, MaxRequests = 2000 };

        var without = await LoadEngine.RunAsync(spec);
        Assert.Null(without.EngineBound!.Evidence.CeilingFraction);
        Assert.Contains(without.EngineBound.Evidence.Notes, n => n.Contains("no engine ceiling") && n.Contains("bench calibrate"));

        // a ceiling of 1 req/s: the run is far above it, its fraction is its req/s, and it is flagged
        var with = await LoadEngine.RunAsync(spec with { Ceiling = Ceiling with { RequestsPerSecond = 1 } });
        Assert.Equal(2000, with.Requests);
        Assert.Equal(with.RequestsPerSecond, with.EngineBound!.Evidence.CeilingFraction);
        Assert.Contains(EngineBoundReason.NearCeiling, with.EngineBound.Reasons);
        Assert.True(with.LoadGeneratorBound);

        var pipelined = await LoadEngine.RunAsync(spec with { PipelineDepth = 4, Ceiling = Ceiling });
        Assert.Null(pipelined.EngineBound!.Evidence.CeilingFraction);
        Assert.Contains(pipelined.EngineBound.Evidence.Notes, n => n.Contains("pipeline"));
    }

    [Fact]
    public async Task The_fixed_response_server_answers_every_request_pipelined_or_not()
    {
        using var server = new FixedResponseServer(cpu: null);
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url, Connections = 8, Workers = 2, PipelineDepth = 16, MaxRequests = 5000,
            Validator = Http.ResponseValidator.ExpectBody("Hello, World!"),
        });
        Assert.Equal(5000, result.Requests);
        Assert.Equal(0, result.Errors.Total);
    }

    [Theory]
    [InlineData(new[] { "GET / HTTP/1.1\r\nHost: x\r\n\r\n" }, 1)]
    [InlineData(new[] { "GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n" }, 2)]
    [InlineData(new[] { "GET / HTTP/1.1\r\nHost: x\r", "\n\r", "\nGET / HTTP/1.1\r\n\r\n" }, 2)] // split across reads
    [InlineData(new[] { "GET / HTTP/1.1\r\n\r\r\n\r\n" }, 1)]
    public void Request_ends_are_counted_across_reads(string[] reads, int expected)
    {
        var matched = 0;
        var count = reads.Sum(r => FixedResponseServer.CountRequestEnds(System.Text.Encoding.ASCII.GetBytes(r), ref matched));
        Assert.Equal(expected, count);
    }
}
