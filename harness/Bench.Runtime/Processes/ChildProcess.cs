using System.Diagnostics;

namespace Bench.Runtime.Processes;

/// <summary>
/// A child process started in a session of its own (setsid), optionally pinned to CPUs (taskset), so that
/// stopping it stops everything it forked too (node:cluster workers, the dotnet host under run.sh...).
/// Every instance registers with <see cref="Cleanup"/>, so Ctrl-C and SIGTERM never leave it behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly IDisposable _cleanupRegistration;
    public OutputTail Output { get; } = new();
    public string Description { get; }
    /// <summary>Kept after exit and dispose, for logs and markers.</summary>
    public int Pid { get; private set; }
    /// <summary>When the harness spawned setsid: before taskset, prefixes and the command's own exec (a target's start-up is measured from that exec: <see cref="ExecClock"/>).</summary>
    public long StartedTimestamp { get; }
    public bool HasExited => _process.HasExited;
    public double ElapsedMs() => Stopwatch.GetElapsedTime(StartedTimestamp).TotalMilliseconds;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// How the process ended in words, or null while it runs: "exit code 3", or "killed by SIGKILL" (a child
    /// killed by a signal reports 128 + the signal's number).
    /// </summary>
    public string? ExitDescription => ExitCode switch
    {
        null => null,
        > 128 and < 160 and var code => $"killed by {SignalName(code - 128)}",
        var code => $"exit code {code}",
    };

    private static string SignalName(int signal) => signal switch
    {
        Native.SIGINT => "SIGINT", Native.SIGKILL => "SIGKILL", Native.SIGTERM => "SIGTERM", 6 => "SIGABRT", 11 => "SIGSEGV",
        _ => $"signal {signal}",
    };

    private ChildProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        StartedTimestamp = Stopwatch.GetTimestamp();
        _cleanupRegistration = Cleanup.Register(this);
    }

    /// <param name="command">program and arguments; the program is looked up on PATH or relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="cpus">a taskset CPU list such as "1" or "2-3"; null runs unpinned.</param>
    /// <param name="prefix">arguments run before the command that exec it in the end (e.g. joining a cgroup).</param>
    public static ChildProcess Start(IReadOnlyList<string> command, string workingDirectory,
        IReadOnlyDictionary<string, string> env, string? cpus = null, string? description = null, IReadOnlyList<string>? prefix = null)
    {
        SweepOnce();
        var psi = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // setsid execs (no fork) because our child is not a group leader: the pid we get is the session leader.
        if (cpus is not null) { psi.ArgumentList.Add("taskset"); psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(cpus); }
        foreach (var arg in prefix ?? []) psi.ArgumentList.Add(arg);
        var program = command[0];
        var local = Path.Combine(workingDirectory, program);
        psi.ArgumentList.Add(!Path.IsPathRooted(program) && program.Contains('/') && File.Exists(local) ? local : program);
        foreach (var arg in command.Skip(1)) psi.ArgumentList.Add(arg);
        foreach (var (k, v) in env) psi.Environment[k] = v;

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process, description ?? string.Join(' ', command));
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            child._cleanupRegistration.Dispose();
            throw new Core.BenchException($"cannot start '{string.Join(' ', command)}' in {workingDirectory}: {e.Message}", e);
        }
        child.Pid = process.Id;
        ProcessLedger.Record(process.Id);
        process.OutputDataReceived += (_, e) => child.Output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return child;
    }

    private static int _swept;

    /// <summary>Before the first child of this harness: remove what a SIGKILLed harness left running.</summary>
    private static void SweepOnce()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0) ProcessLedger.SweepOrphans();
    }

    public Task WaitForExitAsync(CancellationToken ct = default) => _process.WaitForExitAsync(ct);

    /// <summary>SIGTERM to the whole group, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null, int signal = Native.SIGTERM)
    {
        if (!TryGetRunning()) return;
        Native.KillGroup(_process.Id, signal);
        // a stopped process (SIGSTOP, a debugger) acts on the signal only once it runs again
        Native.KillGroup(_process.Id, Native.SIGCONT);
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(5));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        // The leader may be gone while forked workers linger: always sweep the group.
        Native.KillGroup(_process.Id, Native.SIGKILL);
        await _process.WaitForExitAsync();
    }

    /// <summary>Synchronous last-resort kill, for process-exit handlers that cannot await.</summary>
    internal void KillNow()
    {
        try { Native.KillGroup(_process.Id, Native.SIGKILL); } catch { /* best effort at exit */ }
    }

    private bool TryGetRunning()
    {
        try { return !_process.HasExited || Native.Exists(_process.Id); }
        catch (InvalidOperationException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ProcessLedger.Forget(_process.Id);
        _cleanupRegistration.Dispose();
        _process.Dispose();
    }
}
