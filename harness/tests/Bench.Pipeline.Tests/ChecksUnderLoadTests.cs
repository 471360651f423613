using System.Text.Json.Nodes;
using Bench.Conformance.Payloads;
using Bench.Conformance.UnderLoad;
using Bench.Core.Scenarios;
using Bench.Load;
using Bench.Load.Calibration;

namespace Bench.Pipeline.Tests;

/// <summary>What a trial checks on every response and on sampled bodies, from the contract.</summary>
public class ChecksUnderLoadTests
{
    private static ResponseContract For(string path, int? orderBytes = null, Func<long, JsonObject?>? orders = null) =>
        ResponseContract.For(new ScenarioRequest { Path = path, OrderBytes = orderBytes, Method = orderBytes is null ? "GET" : "POST" }, orders);

    [Fact]
    public void Fixed_bodies_have_an_exact_length_and_the_verify_rules()
    {
        var plaintext = For("/plaintext");
        Assert.Equal((13L, 13L), (plaintext.MinBodyBytes, plaintext.MaxBodyBytes));
        Assert.True(plaintext.Accepts("Hello, World!"));
        Assert.False(plaintext.Accepts("Hello, World?"));

        var json = For("/json");
        Assert.Equal((27L, 27L), (json.MinBodyBytes, json.MaxBodyBytes));
        Assert.True(json.Accepts("""{"message":"Hello, World!"}"""));
        Assert.False(json.Accepts("""{"message":"Hello, World!","extra":1}"""));
        Assert.False(json.Accepts("""{"message":"Hello, World!"""));
    }

    [Fact]
    public void Rows_are_judged_as_bench_verify_judges_them()
    {
        var db = For("/db");
        Assert.True(db.Accepts("""{"id":3217,"randomNumber":8102}"""));
        Assert.False(db.Accepts("""{"id":0,"randomNumber":8102}"""));   // id outside 1..10000
        Assert.False(db.Accepts("""{"id":12,"randomNumber":"8102"}""")); // a string
        Assert.InRange("""{"id":10000,"randomNumber":10000}""".Length, db.MinBodyBytes, db.MaxBodyBytes);

        var queries = For("/queries?n=3");
        Assert.True(queries.Accepts("""[{"id":1,"randomNumber":2},{"id":3,"randomNumber":4},{"id":5,"randomNumber":6}]"""));
        Assert.False(queries.Accepts("""[{"id":1,"randomNumber":2}]""")); // n ignored
        Assert.True(For("/queries?n=900").MinBodyBytes > 500 * 25, "n is clamped to 500, not ignored");
    }

    [Fact]
    public void Jwt_profile_cpu_and_io_bodies()
    {
        Assert.True(For("/jwt").Accepts("""{"sub":"42","name":"User 42","iat":1700000000,"exp":1700003600}"""));
        Assert.False(For("/jwt").Accepts("""{"sub":"42","name":"User 7","iat":1700000000,"exp":1700003600}"""));
        Assert.True(For("/profile").Accepts("""{"id":42,"name":"User 42","email":"user42@example.com"}"""));
        Assert.True(For("/cpu?n=100").Accepts("""{"n":100,"count":25,"sum":1060}"""));
        Assert.False(For("/cpu?n=100").Accepts("""{"n":100,"count":24,"sum":1060}"""));
        Assert.True(For("/io?ms=20").Accepts("""{"waitedMs":20}"""));
        Assert.False(For("/io?ms=20").Accepts("""{"waitedMs":0}"""));
    }

    [Fact]
    public void A_processed_order_is_matched_to_the_order_it_answers_by_id()
    {
        var order = OrderGenerator.Order(id: 1, approxBytes: 1024, seed: 1);
        var (sorted, total, count, max) = OrderGenerator.Expected(order);
        var right = new JsonObject { ["id"] = 1, ["customer"] = "ACME-1", ["items"] = sorted.DeepClone(), ["total"] = total, ["itemCount"] = count, ["maxUnitPrice"] = max };
        var contract = For("/json/process", 1024, id => id == 1 ? order : null);
        Assert.True(contract.Accepts(right.ToJsonString()));
        Assert.InRange(right.ToJsonString().Length, contract.MinBodyBytes, contract.MaxBodyBytes);
        Assert.False(contract.Accepts(right.ToJsonString().Replace("\"itemCount\":" + count, "\"itemCount\":" + (count + 1))));
        right["id"] = 2;
        Assert.False(contract.Accepts(right.ToJsonString())); // no order 2 was sent
    }

    [Fact]
    public void An_expected_error_status_gets_the_contracts_error_body_rule()
    {
        var unauthorised = ResponseContract.For(new ScenarioRequest { Path = "/jwt", ExpectStatus = 401 });
        Assert.Equal(401, unauthorised.Status);
        Assert.True(unauthorised.Accepts("""{"error":"expired"}"""));
        Assert.False(unauthorised.Accepts("Unauthorized"));
    }

    [Fact]
    public async Task The_trials_validator_counts_every_response_of_the_wrong_length()
    {
        // the fixed-response server answers "Hello, World!" (13 bytes) to everything: right for /plaintext, wrong for /json
        using var server = new FixedResponseServer(cpu: null);
        LoadSpec Spec(string path) => new()
        {
            Target = server.Url, Connections = 4, Workers = 1, MaxRequests = 300,
            Validator = RequestFactory.Validator(new ScenarioRequest { Path = path }),
        };
        var plaintext = await LoadEngine.RunAsync(Spec("/plaintext"));
        Assert.Equal(300, plaintext.Requests);
        Assert.Equal(0, plaintext.Errors.Total);
        var json = await LoadEngine.RunAsync(Spec("/json"));
        Assert.Equal(0, json.Requests);
        Assert.Equal(300, json.Errors.BodyMismatch); // every one, not one in 16
    }
}
