using Bench.Core;
using Bench.Runtime.Processes;

namespace Bench.Cli;

/// <summary>
/// Wraps every command: a <see cref="BenchException"/> becomes one line on stderr and exit 2; Ctrl-C / SIGTERM
/// cancels the token, lets finally blocks stop targets and databases, and exits 130.
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
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: interrupted; everything started was stopped.");
            return ExitCodes.Interrupted;
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
