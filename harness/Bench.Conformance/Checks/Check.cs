namespace Bench.Conformance.Checks;

/// <summary>One rule of targets/CONTRACT.md, checked against a running target.</summary>
public sealed record Check(string Id, string Endpoint, string Description, Func<CheckContext, Task> Run);

/// <summary>A check's verdict; <see cref="Failure"/> says what the target did instead.</summary>
public sealed record CheckResult(Check Check, string? Failure, TimeSpan Elapsed)
{
    public bool Passed => Failure is null;
}

/// <summary>Thrown by a check when the target broke the contract.</summary>
public sealed class ContractViolation(string message) : Exception(message);
