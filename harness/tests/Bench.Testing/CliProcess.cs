using System.Diagnostics;
using System.Text;

namespace Bench.Testing;

/// <summary>
/// Runs the built `bench` CLI as a child process, as users run it. bench.dll must be beside the tests: the test
/// project references Bench.Cli, which copies it there.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();

    public CliProcess(params string[] args) : this(new Dictionary<string, string>(), args) { }

    /// <param name="environment">variables set for the CLI on top of the test's own (e.g. BENCH_ROOT of a <see cref="FakeRepo"/>)</param>
    public CliProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
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

    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = new CliProcess(environment, args);
        var code = await cli.WaitAsync(TimeSpan.FromMinutes(5));
        return (code, cli.Stdout, cli.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // what the process last said is what tells a hang from a slow machine
            throw new Xunit.Sdk.XunitException($"bench still running after {timeout.TotalSeconds:0} s; stdout ends: {Tail(Stdout)}; stderr ends: {Tail(Stderr)}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

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

    public void Signal(int signal)
    {
        // A process started in the background by a non-interactive shell (nohup ... &, a job runner's `cmd &`)
        // inherits SIGINT ignored, and exec keeps it ignored: the signal would be lost and the test would wait
        // for nothing. Say so instead.
        if (Ignores(Pid, signal))
            throw new InvalidOperationException(
                $"bench (pid {Pid}) ignores signal {signal}, inherited from the test runner's parent (started in the background by a " +
                "non-interactive shell?): run the tests in the foreground, or from a shell with job control, so the signal can reach it");
        Process.Start("kill", [$"-{signal}", Pid.ToString()])!.WaitForExit();
    }

    // SigIgn in /proc/PID/status: a hex mask, bit (signal - 1) set when the signal is ignored.
    private static bool Ignores(int pid, int signal)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:"));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
