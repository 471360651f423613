using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Bench.Runtime.Processes;

/// <summary>
/// Process-wide safety net: whatever the harness started (targets, PostgreSQL, temp folders) is torn down
/// on Ctrl-C, SIGTERM and normal exit, even when the command's own finally blocks never run.
/// </summary>
public static class Cleanup
{
    private static readonly ConcurrentDictionary<long, Action> Actions = new();
    private static long _next;
    private static readonly object InstallLock = new();
    private static bool _installed;
    private static readonly List<PosixSignalRegistration> Signals = [];

    /// <summary>Cancelled on the first Ctrl-C / SIGTERM, so long operations can stop cleanly.</summary>
    public static CancellationTokenSource Interrupted { get; } = new();

    /// <summary>The first signal that arrived (SIGINT, SIGTERM or SIGHUP), for the exit code; null while none did.</summary>
    public static PosixSignal? InterruptedBy { get; private set; }

    public static IDisposable Register(ChildProcess child) => Register(child.KillNow);

    public static IDisposable Register(Action lastResort)
    {
        Install();
        var id = Interlocked.Increment(ref _next);
        Actions[id] = lastResort;
        return new Registration(id);
    }

    /// <summary>Runs every registered action now (used at exit and on a second Ctrl-C).</summary>
    public static void RunAll()
    {
        foreach (var id in Actions.Keys.Order())
            if (Actions.TryRemove(id, out var action))
                try { action(); } catch { /* keep cleaning the rest */ }
    }

    /// <summary>Takes over Ctrl-C, SIGTERM and SIGHUP (idempotent): the first cancels <see cref="Interrupted"/>.</summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (_installed) return;
            _installed = true;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
                Signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (!Interrupted.IsCancellationRequested)
        {
            // First signal: let the running command unwind through its own finally blocks.
            context.Cancel = true;
            InterruptedBy = context.Signal;
            Console.Error.WriteLine("bench: interrupted; stopping targets and cleaning up (press Ctrl-C again to force)...");
            Interrupted.Cancel();
            return;
        }
        RunAll();
        context.Cancel = false;
    }

    private sealed class Registration(long id) : IDisposable
    {
        public void Dispose() => Actions.TryRemove(id, out _);
    }
}
