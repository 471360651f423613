using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Report.Tests;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol (a WebSocket, JSON messages): it opens a page, records
/// every network request the page makes (Network.requestWillBeSent) and evaluates an expression in it once loaded. Only
/// what the report test needs; Playwright and its kind download browser builds of their own, which this machine cannot.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly ConcurrentQueue<JsonNode> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;
    private Task? _receiving;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The page's requests (URLs, in order) and the expression's value, once the page has loaded.</summary>
    public sealed record Visit(IReadOnlyList<string> Requests, JsonNode? Value);

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Path.Combine(Path.GetTempPath(), $"chromium-{Guid.NewGuid():N}");
        var psi = new ProcessStartInfo("chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        // root in a container has no user namespaces for the sandbox; nothing but local test files is opened
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-extensions", "--disable-sync", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                     $"--user-data-dir={profile}", "about:blank" })
            psi.ArgumentList.Add(arg);
        var process = Process.Start(psi)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await ReadEndpointAsync(process, TimeSpan.FromSeconds(60));
            // chromium goes on logging: drained, or a full pipe would stall it
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            await browser._socket.ConnectAsync(new Uri(endpoint), CancellationToken.None);
            browser._receiving = Task.Run(browser.ReceiveAsync);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr once it listens.</summary>
    private static async Task<string> ReadEndpointAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        const string marker = "DevTools listening on ";
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(cts.Token) is { } line)
        {
            seen.AppendLine(line);
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return line[(at + marker.Length)..].Trim();
        }
        throw new InvalidOperationException($"chromium exited without a DevTools endpoint: {seen}");
    }

    public async Task<Visit> OpenAsync(string url, string expression, TimeSpan timeout)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var session = (await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }))["sessionId"]!.GetValue<string>();
        await SendAsync("Network.enable", new JsonObject(), session);
        await SendAsync("Page.enable", new JsonObject(), session);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, session);
        var deadline = DateTime.UtcNow + timeout;
        while (!Events(session, "Page.loadEventFired").Any())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not finish loading in {timeout}");
            await Task.Delay(50);
        }
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, session);
        var requests = Events(session, "Network.requestWillBeSent").Select(e => e["params"]!["request"]!["url"]!.GetValue<string>()).ToList();
        return new Visit(requests, result["result"]?["value"]?.DeepClone());
    }

    private IEnumerable<JsonNode> Events(string session, string method) =>
        _events.Where(e => e["method"]?.GetValue<string>() == method && e["sessionId"]?.GetValue<string>() == session);

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, string? session = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await answer.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]!;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                if (node["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var waiting)) waiting.SetResult(node);
                else _events.Enqueue(node);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
            // closing
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        if (_receiving is not null) await _receiving.ContinueWith(_ => { });
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (Directory.Exists(_profile))
            try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* chromium's last writes may race the delete; a temp folder */ }
    }
}
