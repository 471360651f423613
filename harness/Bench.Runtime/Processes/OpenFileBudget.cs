namespace Bench.Runtime.Processes;

/// <summary>
/// Open files (RLIMIT_NOFILE) for massive concurrency: every connection is a file descriptor in the load
/// engine and another in the target. Machines ship with soft limits of 1024 and hard limits of 4096 to
/// 1,048,576; what a process may open is its soft limit, which it may raise up to the hard one itself.
/// Measured here (shell soft limit 1024, hard 20000): the harness ran with 20000, as CoreCLR raises its soft
/// limit to the hard one at start-up (its PAL does so; no documented guarantee, hence <see cref="Prepare"/>),
/// and Process.Start passed that raised limit on to every target; started from the shell, Go (19999) and
/// Node (20000) raise their own, rust-axum (tokio) kept 1024. So a target's limit depended on who started it: the harness gives every target the same
/// explicit one instead (<see cref="TargetLimit"/>), and checks before a run that the hard limit covers
/// the scenarios' connections.
/// </summary>
public static class OpenFileBudget
{
    /// <summary>
    /// Descriptors the harness holds beside the engine's connections: the .NET runtime's own (about 40),
    /// epoll sets, results files, database and Docker clients, health probes. 126 were open while serving a
    /// target with the embedded database; twice that leaves room.
    /// </summary>
    public const int HarnessMargin = 256;

    /// <summary>
    /// Descriptors a target holds beside the connections to it and its database pool: its runtime's own, the
    /// listening socket, pipes, log files. Idle, measured on 2026-12-02: go-nethttp 9, rust-axum 10, node 22,
    /// aspnet-minimal 274 (the .NET host keeps its assemblies open); 1024 is nearly four times the largest.
    /// </summary>
    public const int TargetMargin = 1024;

    public static ulong HarnessNeeds(int connections) => (ulong)connections + HarnessMargin;

    /// <summary>Per process: a node:cluster worker may be handed every connection, and each worker has its own pool.</summary>
    public static ulong TargetNeeds(int connections, int dbPoolSize) => (ulong)connections + (ulong)dbPoolSize + TargetMargin;

    /// <summary>
    /// Null when a hard limit of <paramref name="hard"/> lets the harness and every target hold
    /// <paramref name="connections"/> connections; otherwise the one line that says what to do.
    /// </summary>
    public static string? Shortfall(ulong hard, int connections, int? dbPoolSize)
    {
        var need = Math.Max(HarnessNeeds(connections), dbPoolSize is { } pool ? TargetNeeds(connections, pool) : 0);
        if (hard >= need) return null;
        return $"{connections} connections need {need} open files per process, but the hard limit (RLIMIT_NOFILE) is {hard}: " +
               $"raise it to at least {need} (as root: `ulimit -Hn {need}` in this shell, or a 'nofile' line in /etc/security/limits.conf " +
               $"and a new login; LimitNOFILE= for a systemd service) and run again.";
    }

    /// <summary>
    /// Before anything starts: fails with <see cref="Shortfall"/>'s line when the hard limit is too low, else raises
    /// this process's soft limit to the hard one if <paramref name="connections"/> need more than it allows.
    /// <paramref name="dbPoolSize"/> null: no target of ours (bench load against any URL).
    /// </summary>
    public static void Prepare(int connections, int? dbPoolSize = null)
    {
        var (soft, hard) = Native.GetOpenFileLimit();
        if (Shortfall(hard, connections, dbPoolSize) is { } line) throw new Core.BenchException(line);
        if (soft < HarnessNeeds(connections)) Native.SetOpenFileLimit(hard, hard);
    }

    /// <summary>
    /// The open-file limit (soft = hard) every target gets, locally and under Docker: this process's hard limit,
    /// as generous as the machine allows the harness, which <see cref="Prepare"/> checked covers the run.
    /// </summary>
    public static ulong TargetLimit() => Native.GetOpenFileLimit().Hard;
}
