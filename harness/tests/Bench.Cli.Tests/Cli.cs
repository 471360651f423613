using System.Diagnostics;
using System.Text;

namespace Bench.Cli.Tests;

/// <summary>Runs the built `bench` CLI (bench.dll beside the tests) as a child process.</summary>
internal sealed class Cli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();

    public Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bench.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var cli = new Cli(args);
        var code = await cli.WaitAsync(TimeSpan.FromMinutes(5));
        return (code, cli.Stdout, cli.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout holds a line starting with <paramref name="prefix"/> and returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(prefix));
            if (line is not null) return line[prefix.Length..].Trim();
            if (_process.HasExited) break;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no '{prefix}' line; stdout: {Stdout}; stderr: {Stderr}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan timeout, int everyMs = 100)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline && !condition(); await Task.Delay(everyMs)) { }
    }

    public void Signal(int signal) => Process.Start("kill", [$"-{signal}", Pid.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
