using System.Runtime.InteropServices;

namespace Bench.Cli;

/// <summary>Exit codes shared by every command (README.md, "Exit codes and signals").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work ran and found a failure (a target failed verification, a trial errored).</summary>
    public const int Failed = 1;
    /// <summary>Bad input or environment: invalid argument, unknown target, missing toolchain, port in use.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Stopped by a signal, after finishing what could be finished (summary, results, --json) and stopping everything
    /// started: 128 + the signal's number, as a shell reports a process the signal killed, so a job runner can tell
    /// Ctrl-C (130) from its own SIGTERM (143) or a closed terminal's SIGHUP (129).
    /// </summary>
    public static int Interrupted(PosixSignal? signal) => 128 + signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGTERM => 15,
        _ => 2, // SIGINT, and a cancellation that came without a signal
    };
}
