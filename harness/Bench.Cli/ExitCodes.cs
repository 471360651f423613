namespace Bench.Cli;

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work ran and found a failure (a target failed verification, a trial errored).</summary>
    public const int Failed = 1;
    /// <summary>Bad input or environment: invalid argument, unknown target, missing toolchain, port in use.</summary>
    public const int BadInput = 2;
    public const int Interrupted = 130;
}
