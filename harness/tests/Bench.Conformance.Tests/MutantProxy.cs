using System.Net;
using System.Text;

namespace Bench.Conformance.Tests;

/// <summary>
/// Sits in front of a real, conforming target and changes one behaviour, to emulate a target that cheats
/// (skips the JWT signature, caches rows). The suite must catch each mutant; otherwise it proves nothing.
/// </summary>
internal sealed class MutantProxy : IAsyncDisposable
{
    /// <summary>Answers a request itself (non-null) or lets it through to the real target (null).</summary>
    public delegate Task<(int Status, string Body)?> Intercept(HttpListenerRequest request);

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly Intercept _intercept;
    private readonly Func<HttpListenerRequest, HttpRequestMessage, Task>? _rewrite;
    private readonly Task _loop;

    public Uri BaseUri { get; }

    public MutantProxy(Uri upstream, Intercept? intercept = null, Func<HttpListenerRequest, HttpRequestMessage, Task>? rewrite = null)
    {
        var port = Runtime.Net.Ports.FreeLoopbackPort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _upstream = new HttpClient { BaseAddress = upstream };
        _intercept = intercept ?? (_ => Task.FromResult<(int, string)?>(null));
        _rewrite = rewrite;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        try
        {
            var own = await _intercept(ctx.Request);
            if (own is { } answer)
            {
                await WriteAsync(ctx.Response, answer.Status, "application/json", Encoding.UTF8.GetBytes(answer.Body));
                return;
            }
            using var forward = new HttpRequestMessage(new HttpMethod(ctx.Request.HttpMethod), ctx.Request.Url!.PathAndQuery);
            if (ctx.Request.HasEntityBody)
            {
                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                forward.Content = new ByteArrayContent(ms.ToArray());
                if (ctx.Request.ContentType is { } ct) forward.Content.Headers.TryAddWithoutValidation("Content-Type", ct);
            }
            if (ctx.Request.Headers["Authorization"] is { } auth) forward.Headers.TryAddWithoutValidation("Authorization", auth);
            if (_rewrite is not null) await _rewrite(ctx.Request, forward);
            using var response = await _upstream.SendAsync(forward);
            await WriteAsync(ctx.Response, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "text/plain",
                await response.Content.ReadAsByteArrayAsync());
        }
        catch (Exception)
        {
            try { ctx.Response.Abort(); } catch { /* client gone */ }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
