using Bench.Core.Targets;
using Bench.Runtime.Targets;

namespace Bench.Testing;

/// <summary>The python stand-ins in FakeTarget/ as targets a runtime can start (python3, no build).</summary>
public static class FakeTarget
{
    /// <summary>The folder holding the scripts, copied beside the tests; the targets run in it.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "FakeTarget");

    /// <summary>The scripts' file names: what their processes' command lines contain (see <see cref="TargetLeftovers"/>).</summary>
    public const string MeasurementServer = "server.py", DelayServer = "delay_server.py";

    /// <summary>server.py (the runtime's measurement stand-in, configured by <paramref name="env"/>) ready to start.</summary>
    public static TargetLaunch Launch(Dictionary<string, string> env, int port = 0) => new()
    {
        Target = Manifest("fake", MeasurementServer, env),
        DatabaseUrl = "postgres://unused@127.0.0.1:1/unused",
        JwtSecret = "unused",
        Port = port,
    };

    /// <summary>
    /// delay_server.py: a target whose speed is known by construction. It answers every path but /healthz after
    /// sleeping <paramref name="delayMs"/>, one thread per connection, so a closed loop of c connections gets about
    /// c / delay answers per second from it.
    /// </summary>
    public static TargetManifest Delayed(string name, int delayMs) =>
        Manifest(name, DelayServer, new() { ["DELAY_MS"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static TargetManifest Manifest(string name, string script, Dictionary<string, string> env) => new()
    {
        Name = name,
        Language = "python",
        Framework = "http.server",
        Build = new CommandSpec { Command = ["true"] },
        Run = new CommandSpec { Command = ["python3", Path.Combine(Folder, script)], Env = env },
        Directory = Folder,
    };
}
