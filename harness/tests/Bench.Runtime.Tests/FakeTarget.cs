using Bench.Core.Targets;
using Bench.Runtime.Targets;

namespace Bench.Runtime.Tests;

/// <summary>FakeTarget/server.py as a target a runtime can start (python3, no build).</summary>
public static class FakeTarget
{
    public static TargetLaunch Launch(Dictionary<string, string> env, int port = 0) => new()
    {
        Target = new TargetManifest
        {
            Name = "fake",
            Language = "python",
            Framework = "http.server",
            Build = new CommandSpec { Command = ["true"] },
            Run = new CommandSpec { Command = ["python3", Path.Combine(AppContext.BaseDirectory, "FakeTarget", "server.py")], Env = env },
            Directory = Path.Combine(AppContext.BaseDirectory, "FakeTarget"),
        },
        DatabaseUrl = "postgres://unused@127.0.0.1:1/unused",
        JwtSecret = "unused",
        Port = port,
    };
}
