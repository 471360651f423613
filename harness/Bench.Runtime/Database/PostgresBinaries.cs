using System.Diagnostics;

namespace Bench.Runtime.Database;

/// <summary>Finds initdb/postgres and, when the harness runs as root, the unprivileged user they must run as.</summary>
internal sealed record PostgresBinaries(string InitDb, string Postgres)
{
    public static PostgresBinaries Find()
    {
        foreach (var dir in Candidates())
        {
            var initdb = Path.Combine(dir, "initdb");
            var postgres = Path.Combine(dir, "postgres");
            if (File.Exists(initdb) && File.Exists(postgres)) return new PostgresBinaries(initdb, postgres);
        }
        throw new Core.BenchException("PostgreSQL server binaries (initdb, postgres) not found: install PostgreSQL 15+ " +
            "(Debian: apt-get install postgresql) or point bench at your own server with --database-url postgres://user:pass@host:port/db.");
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
        if (Directory.Exists("/usr/lib/postgresql"))
            foreach (var version in Directory.EnumerateDirectories("/usr/lib/postgresql").OrderDescending())
                yield return Path.Combine(version, "bin");
    }

    /// <summary>
    /// PostgreSQL refuses to run as root. As root we drop to the 'postgres' (or 'nobody') user with setpriv,
    /// which execs rather than forks, so the pid we hold is the server itself.
    /// </summary>
    public static string[] RunAsPrefix(string ownedDir)
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot()) return [];
        var user = UserExists("postgres") ? "postgres" : "nobody";
        Chown(ownedDir, user);
        return ["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];
    }

    private static bool IsRoot() => File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    private static bool UserExists(string user) => File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":"));

    private static void Chown(string dir, string user)
    {
        using var p = Process.Start("chown", ["-R", user, dir]);
        p.WaitForExit();
    }

    public static async Task RunToEndAsync(string[] command, string workingDirectory, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1)) psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new Core.BenchException($"{Path.GetFileName(command.First(c => c.Contains('/')))} failed (exit {p.ExitCode}): {await stderr}{await stdout}");
    }
}
