namespace Bench.Runtime.Targets;

/// <summary>Where targets run: local child processes (default) or containers. One instance per harness run.</summary>
public interface ITargetRuntime : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The CPU quota and memory limit each target gets, and what enforces them.</summary>
    TargetLimits Limits { get; }

    /// <summary>Starts a fresh instance and returns once /healthz answers 200 (start-up time measured to that point).</summary>
    Task<IRunningTarget> StartAsync(TargetLaunch launch, CancellationToken ct = default);

    /// <summary>
    /// Null while the runtime can start and watch targets; otherwise why not, in one line that says what to do (the
    /// Docker engine stopped answering). Asked after every trial: a run cannot go on without its runtime.
    /// </summary>
    Task<string?> UnavailableAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
}

public interface IRunningTarget : IAsyncDisposable
{
    TargetLaunch Launch { get; }
    Uri BaseUri { get; }
    /// <summary>Start → first 200 from /healthz, as <see cref="StartupClock"/> says.</summary>
    double StartupMs { get; }
    /// <summary>What <see cref="StartupMs"/> covers.</summary>
    StartupClock StartupClock { get; }
    /// <summary>The gap between the last /healthz poll without a 200 and the first with one: <see cref="StartupMs"/>'s resolution.</summary>
    double StartupPollMs { get; }
    /// <summary>The last lines the target printed, for error messages.</summary>
    string RecentOutput { get; }

    /// <summary>How the target ended ("exit code 1", "killed by SIGKILL") once it has, null while it runs.</summary>
    string? Exited => null;

    /// <summary>What is deployed: the build artifact's size locally, the image's size under Docker.</summary>
    long? ArtifactBytes { get; }

    /// <summary>Memory and cumulative CPU time of everything the target runs (all processes, or the container).</summary>
    Task<Resources.ResourceSnapshot> SampleAsync(CancellationToken ct = default);

    /// <summary>Where <see cref="SampleAsync"/> reads from (known once it has been called).</summary>
    Resources.MemorySource MemorySource { get; }

    /// <summary>
    /// Proportional set size summed over the target's processes (<see cref="Resources.PssReader"/>), a second
    /// view of its memory; null where its processes cannot be read from here (a remote engine's stats).
    /// </summary>
    long? PssBytes();

    /// <summary>The target's processes and cgroup on this machine, for the machine-noise figures; null where they cannot be seen (a remote engine).</summary>
    Task<Processes.ProcessGroup?> ProcessesAsync(CancellationToken ct = default) => Task.FromResult<Processes.ProcessGroup?>(null);
}
