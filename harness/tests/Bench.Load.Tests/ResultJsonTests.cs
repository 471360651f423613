using System.Text.Json;
using Bench.Load.Tests.TestServer;
using HdrHistogram;

namespace Bench.Load.Tests;

[Collection(Serial.Name)]
public class ResultJsonTests
{
    [Fact]
    public async Task Json_has_the_shape_results_embed_and_the_hlog_round_trips()
    {
        await using var server = new FaultyServer(n => n % 10 == 0 ? Fault.Status500 : Fault.None);
        var result = await LoadEngine.RunAsync(new LoadSpec { Target = server.Url, Connections = 2, MaxRequests = 100 });

        using var doc = JsonDocument.Parse(result.ToJson());
        var root = doc.RootElement;
        Assert.Equal(result.RequestsPerSecond, root.GetProperty("requestsPerSecond").GetDouble());
        Assert.Equal(90, root.GetProperty("requests").GetInt64());
        // the JSON carries the run's own figures, under the names results.json documents
        var latency = root.GetProperty("latency");
        Assert.Equal(90, latency.GetProperty("count").GetInt64()); // the 90 successes; the 500s carry no latency
        Assert.Equal(result.Latency.MeanUs, latency.GetProperty("meanUs").GetDouble());
        Assert.Equal(result.Latency.StdevUs, latency.GetProperty("stdevUs").GetDouble());
        Assert.Equal(result.Histogram.GetValueAtPercentile(50), latency.GetProperty("p50Us").GetInt64());
        Assert.Equal(result.Histogram.GetValueAtPercentile(75), latency.GetProperty("p75Us").GetInt64());
        Assert.Equal(result.Histogram.GetValueAtPercentile(90), latency.GetProperty("p90Us").GetInt64());
        Assert.Equal(result.Histogram.GetValueAtPercentile(99), latency.GetProperty("p99Us").GetInt64());
        Assert.Equal(result.Histogram.GetValueAtPercentile(99.9), latency.GetProperty("p999Us").GetInt64());
        Assert.Equal(result.Histogram.GetValueAtPercentile(99.99), latency.GetProperty("p9999Us").GetInt64());
        Assert.Equal(result.Histogram.GetMaxValue(), latency.GetProperty("maxUs").GetInt64());
        // a loopback answer takes microseconds to milliseconds, not zero and not seconds
        Assert.InRange(latency.GetProperty("p50Us").GetInt64(), 1, 1_000_000);
        var errors = root.GetProperty("errors");
        Assert.Equal(10, errors.GetProperty("total").GetInt64());
        Assert.Equal(10, errors.GetProperty("status").GetProperty("500").GetInt64());
        foreach (var name in new[] { "connectRefused", "reset", "timeout", "bodyMismatch", "other" })
            Assert.Equal(0, errors.GetProperty(name).GetInt64());
        Assert.Equal(result.LoadGeneratorBound, root.GetProperty("loadGeneratorBound").GetBoolean());
        Assert.Equal(result.EngineCpuPercent, root.GetProperty("engineCpuPercent").GetDouble());
        Assert.Equal(0, root.GetProperty("unfinishedAtEnd").GetInt64()); // count-bounded: every request had its outcome
        Assert.Equal(JsonValueKind.Array, root.GetProperty("timeline").ValueKind);
        Assert.False(root.TryGetProperty("histogram", out _));
        Assert.False(root.TryGetProperty("openModel", out _)); // closed model

        using var stream = new MemoryStream();
        result.WriteHlog(stream);
        var text = System.Text.Encoding.ASCII.GetString(stream.ToArray());
        Assert.StartsWith("#[Histogram log format version", text); // plain ASCII, as other HdrHistogram tools read it
        Assert.Contains("Tag=latency_us,", text);
        stream.Position = 0;
        using var reader = new HistogramLogReader(stream);
        var read = reader.ReadHistograms().ToList();
        Assert.Single(read);
        Assert.Equal(90, read[0].TotalCount);
        Assert.Equal(result.Histogram.GetMaxValue(), read[0].GetMaxValue());
    }

    [Fact]
    public async Task Timeline_marks_warmup_seconds_and_totals_exclude_them()
    {
        await using var server = new FaultyServer();
        var result = await LoadEngine.RunAsync(new LoadSpec
        {
            Target = server.Url,
            Connections = 2,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(1),
            Model = Models.LoadModel.ConstantRate(200),
        });
        Assert.Equal(2, result.Timeline.Count);
        Assert.True(result.Timeline[0].Warmup);
        Assert.False(result.Timeline[1].Warmup);
        Assert.True(result.Timeline[0].Requests > 0, "warmup requests are shown in the timeline");
        // the totals are the measured second only, not warmup + measured (no rate assertion: shared machine)
        Assert.Equal(result.Requests, result.Timeline[1].Requests); // same window, same clock
        Assert.True(result.Requests < result.Timeline[0].Requests + result.Timeline[1].Requests);
        // successes, plus the requests the end left unanswered (open model: recorded at their elapsed time)
        Assert.Equal(result.Requests + result.UnfinishedAtEnd, result.Latency.Count);
        Assert.InRange(result.OpenModel!.Scheduled, 199, 201);
    }
}
