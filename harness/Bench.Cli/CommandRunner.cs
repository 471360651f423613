using Bench.Core;
using Bench.Runtime.Processes;

namespace Bench.Cli;

/// <summary>
/// Wraps every command: a <see cref="BenchException"/> becomes one line on stderr and exit 2, a
/// <see cref="RunAbortedException"/> one line and exit 1; Ctrl-C / SIGTERM (SIGHUP too) cancels the token, lets
/// finally blocks stop targets and databases, and exits 128 + the signal's number (<see cref="ExitCodes.Interrupted"/>).
/// A second signal runs every cleanup at once and lets the signal end the process. Every command goes through here,
/// so every command handles signals the same way.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken parseToken = default)
    {
        Cleanup.Install(); // before anything starts: every command stops through its own finally blocks
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(parseToken, Cleanup.Interrupted.Token);
        try
        {
            return await body(linked.Token);
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (RunAbortedException e)
        {
            // a fault the run could not go past (its database, the Docker engine, a full disk): the input was fine
            Console.Error.WriteLine($"bench: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: interrupted; everything started was stopped.");
            return ExitCodes.Interrupted(Cleanup.InterruptedBy);
        }
        catch (Exception e)
        {
            // A bug in bench itself: say so plainly, with the stack trace for the report.
            Console.Error.WriteLine($"bench: internal error (please report it): {e}");
            return ExitCodes.Failed;
        }
        finally
        {
            Cleanup.RunAll();
        }
    }
}
