using System.Runtime.ExceptionServices;
using Bench.Core;
using Bench.Core.Scenarios;
using Bench.Load;
using Bench.Pipeline.Results;
using Bench.Runtime.Targets;

namespace Bench.Pipeline;

/// <summary>
/// One session: a fresh target, the scenarios of the session in turn (<see cref="TrialRunner"/>), then the
/// target stopped, whatever happens. After every trial it looks at what the trial may have broken, in order:
/// <list type="bullet">
/// <item>the runtime (the Docker engine stopped answering): the trial fails, the run stops (<see cref="RunAbortedException"/>);</item>
/// <item>the database (exited, or no answer to a query): the trial fails, the database is started again, and the
/// session's trials after it are handed back to run in a session of their own on a fresh target;</item>
/// <item>the target (exited, or, when a trial follows, no answer on /healthz): the trial fails, and so do the session's trials after it
/// (a crash under load is the target's behaviour: it fails what follows, not the run).</item>
/// </list>
/// A target that fails to start fails every trial of its session.
/// </summary>
public sealed class SessionRunner(ITargetRuntime runtime, RunContext context)
{
    /// <summary>Time a freshly started target gets to settle before its idle memory is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    /// <summary>A database that dies this often in one run has a cause restarting it will not fix.</summary>
    public const int MaxDatabaseRestarts = 3;

    /// <summary>The context with the database's current processes (they change when it is restarted).</summary>
    private RunContext _context = context;
    private TrialRunner _trials = new(runtime, context);
    private int _databaseRestarts;

    /// <param name="finished">called with each trial's result as soon as it is known (the orchestrator stores it)</param>
    /// <returns>the trials the session did not reach because the database was restarted under it: run them in a session of their own</returns>
    public async Task<IReadOnlyList<PlannedTrial>> RunAsync(PlannedSession session, ResultsStore store, Func<PlannedTrial, IProgress<LoadSecond>?> progress,
        Action<PlannedTrial> starting, Action<PlannedTrial, TrialResult> finished, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        starting(session.Trials[0]);
        IRunningTarget running;
        try
        {
            running = await runtime.StartAsync(Launch(session.Target), ct);
        }
        catch (Exception e) when (!Cancelled(e, ct))
        {
            await StopIfRuntimeGoneAsync(session.Trials[0], started, finished, e, ct);
            // a target whose database died could not start (its /healthz queries it): nothing was measured, so the
            // whole session runs again once the database is back
            if (await DatabaseFaultAsync(session.Trials[0], started, finished, ct) is not null) return session.Trials;
            if (e is not BenchException) throw;
            for (var i = 0; i < session.Trials.Count; i++)
            {
                if (i > 0) starting(session.Trials[i]);
                finished(session.Trials[i], Failed(session.Trials[i], started, e.Message));
            }
            return [];
        }

        await using (running)
        {
            await Task.Delay(Settle, ct);
            string? gone = null;
            for (var i = 0; i < session.Trials.Count; i++)
            {
                var trial = session.Trials[i];
                if (i > 0) starting(trial);
                if (gone is not null)
                {
                    finished(trial, Failed(trial, DateTime.UtcNow, gone));
                    continue;
                }
                var trialStarted = DateTime.UtcNow;
                TrialResult? result = null;
                Exception? error = null;
                try
                {
                    result = trial.Scenario.Load.Model == LoadKind.Startup
                        ? await ColdStartAsync(trial, running, started, ct)
                        : await _trials.RunAsync(trial, running, store, progress(trial), ct);
                }
                catch (Exception e) when (!Cancelled(e, ct))
                {
                    error = e;
                }

                await StopIfRuntimeGoneAsync(trial, trialStarted, finished, error, ct);
                if (error is RunAbortedException) Abort(trial, trialStarted, finished, error.Message, error);
                if (await DatabaseFaultAsync(trial, trialStarted, finished, ct) is { } database)
                {
                    finished(trial, Failed(trial, trialStarted, $"the database {database} during this trial; it was started again, " +
                        "and this session's later scenarios run on a fresh target"));
                    return session.Trials.Skip(i + 1).ToList();
                }
                if (await TargetFaultAsync(running, probe: i < session.Trials.Count - 1, ct) is { } fault)
                {
                    result = Failed(trial, trialStarted, $"{trial.Target.Name} {fault} during scenario '{trial.Scenario.Name}'. Its last output:{Environment.NewLine}{running.RecentOutput}");
                    gone = $"not run: {trial.Target.Name} {fault} during scenario '{trial.Scenario.Name}' of this session";
                }
                else if (error is not null)
                {
                    ExceptionDispatchInfo.Throw(error); // nothing around the trial broke: a fault of the harness's own
                }
                finished(trial, result!);
            }
        }
        return [];
    }

    private static bool Cancelled(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

    /// <summary>The runtime gone (the Docker engine stopped answering): the trial fails and the run stops.</summary>
    private async Task StopIfRuntimeGoneAsync(PlannedTrial trial, DateTime started, Action<PlannedTrial, TrialResult> finished, Exception? error, CancellationToken ct)
    {
        if (await runtime.UnavailableAsync(ct) is { } why) Abort(trial, started, finished, why, error);
    }

    private void Abort(PlannedTrial trial, DateTime started, Action<PlannedTrial, TrialResult> finished, string why, Exception? error)
    {
        finished(trial, Failed(trial, started, why, runStopped: true));
        throw error is RunAbortedException aborted ? aborted : new RunAbortedException(why, error);
    }

    /// <summary>
    /// What is wrong with the database, after starting it again; null when nothing is. When it cannot be started
    /// again (a server bench was given, a container, too many deaths) the trial fails and the run stops.
    /// </summary>
    private async Task<string?> DatabaseFaultAsync(PlannedTrial trial, DateTime started, Action<PlannedTrial, TrialResult> finished, CancellationToken ct)
    {
        if (await _context.Database.FaultAsync(ct) is not { } fault) return null;
        try
        {
            if (++_databaseRestarts > MaxDatabaseRestarts)
                throw new RunAbortedException($"the database {fault}, {_databaseRestarts} times in this run: something kills it " +
                                              "(the machine's memory? another process?); find that, then resume the run.");
            await _context.Database.RestartAsync(fault, ct);
        }
        catch (RunAbortedException e)
        {
            Abort(trial, started, finished, e.Message, e);
        }
        _context = _context with { DatabaseProcesses = await _context.Database.ProcessesAsync(ct) };
        _trials = new TrialRunner(runtime, _context);
        return fault;
    }

    /// <summary>
    /// How the target went, in words that follow its name: "exited (killed by SIGKILL)", "stopped answering /healthz";
    /// null when it still answers. /healthz is asked only when a trial follows (<paramref name="probe"/>): after
    /// the session's last one the target is killed anyway, and the answer waits for the target to drain what
    /// the window left in flight: 5–9 s after 10,000 connections on /io?ms=1000, longer than the 5 s limit for
    /// node-fastify-cluster, which failed trials that had measured normally. A target that froze in its last
    /// trial shows it in that trial's own figures (timeouts, requests left unanswered).
    /// </summary>
    private static async Task<string?> TargetFaultAsync(IRunningTarget running, bool probe, CancellationToken ct)
    {
        if (running.Exited is { } exited) return $"exited ({exited})";
        if (!probe) return null;
        return await AnswersAsync(running, ct) ? null : running.Exited is { } late ? $"exited ({late})" : "stopped answering /healthz";
    }

    private TargetLaunch Launch(Core.Targets.TargetManifest target) => new()
    {
        Target = target,
        DatabaseUrl = _context.Database.Url,
        JwtSecret = _context.JwtSecret,
        Cpus = _context.Cpus.TargetCpus,
        DbPoolSize = _context.DbPoolSize,
    };

    /// <summary>A start-up trial: the start itself, the idle memory after it and what is deployed; no load.</summary>
    private async Task<TrialResult> ColdStartAsync(PlannedTrial planned, IRunningTarget running, DateTime started, CancellationToken ct)
    {
        var idle = await running.SampleAsync(ct);
        return TrialResult.Of(planned, runtime.Name, started) with
        {
            StartupMs = Math.Round(running.StartupMs, 1),
            StartupClock = running.StartupClock,
            StartupPollMs = Math.Round(running.StartupPollMs, 2),
            IdleRssBytes = idle.MemoryBytes,
            IdlePssBytes = running.PssBytes(),
            MemorySource = running.MemorySource,
            ArtifactBytes = running.ArtifactBytes,
        };
    }

    /// <summary>Whether the target still answers after a trial: 200 on /healthz within 5 s.</summary>
    private static async Task<bool> AnswersAsync(IRunningTarget running, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(running.BaseUri, "healthz"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private TrialResult Failed(PlannedTrial planned, DateTime started, string failure, bool runStopped = false) =>
        TrialResult.Of(planned, runtime.Name, started) with
        {
            Failure = failure, Flags = runStopped ? [TrialFlags.Failed, TrialFlags.RunStopped] : [TrialFlags.Failed],
        };
}
