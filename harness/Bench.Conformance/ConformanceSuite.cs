using System.Diagnostics;
using Bench.Conformance.Checks;

namespace Bench.Conformance;

/// <summary>Every rule of targets/CONTRACT.md as a check; `bench verify` and the xunit tests both run this list.</summary>
public static class ConformanceSuite
{
    public static IReadOnlyList<Check> Checks { get; } =
    [
        .. BasicChecks.All(), .. JsonProcessChecks.All(), .. JwtChecks.All(), .. DbChecks.All(), .. ComputeChecks.All(),
    ];

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(CheckContext context, IProgress<CheckResult>? progress = null, CancellationToken ct = default)
    {
        var results = new List<CheckResult>();
        foreach (var check in Checks)
        {
            ct.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            string? failure = null;
            try { await check.Run(context); }
            catch (ContractViolation e) { failure = e.Message; }
            catch (HttpRequestException e) { failure = $"request failed: {e.Message}"; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { failure = "request timed out"; }
            catch (Exception e) when (e is not OperationCanceledException) { failure = $"unexpected {e.GetType().Name}: {e.Message}"; }
            var result = new CheckResult(check, failure, sw.Elapsed);
            results.Add(result);
            progress?.Report(result);
        }
        return results;
    }
}
