using System.Net;
using Bench.Core;
using Docker.DotNet;

namespace Bench.Runtime.Docker;

/// <summary>Where the engine is (DOCKER_HOST, --docker-host, TLS) and whether it answers.</summary>
public static class DockerEngine
{
    public const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>The engine address in force: the option, else DOCKER_HOST, else the default socket.</summary>
    public static string ResolveHost(DockerOptions options)
    {
        var host = options.Host;
        if (string.IsNullOrWhiteSpace(host)) host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(host) ? DefaultHost : host.Trim();
    }

    /// <summary>The TLS folder in force, or null for a plain connection.</summary>
    public static string? ResolveTlsCertPath(DockerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TlsCertPath)) return options.TlsCertPath;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"))) return null;
        var fromEnv = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH");
        return string.IsNullOrWhiteSpace(fromEnv)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker")
            : fromEnv;
    }

    /// <summary>The address targets are reached at from the harness (see <see cref="DockerOptions.TargetAddress"/>).</summary>
    public static string ResolveTargetAddress(DockerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TargetAddress)) return options.TargetAddress;
        var host = ResolveHost(options);
        if (!host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase)) return "127.0.0.1";
        var name = new Uri(host).Host;
        return name is "localhost" or "" ? "127.0.0.1" : name;
    }

    /// <summary>True when targets live on another machine than the harness.</summary>
    public static bool IsRemote(DockerOptions options) => !IsLoopback(ResolveTargetAddress(options));

    private static bool IsLoopback(string address) =>
        address == "localhost" || (IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>A client for the engine in force; the caller disposes it.</summary>
    public static DockerClient CreateClient(DockerOptions options)
    {
        var host = ResolveHost(options);
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
            throw new BenchException($"Docker host '{host}' is not an engine address: use unix:///var/run/docker.sock or tcp://host:2376.");
        var certPath = ResolveTlsCertPath(options);
        Credentials credentials = certPath is null ? new AnonymousCredentials() : TlsCredentials.Load(certPath, options.TlsVerify);
        // The default per-request timeout only bounds short calls; builds, logs and waits stream without it.
        var config = new DockerClientConfiguration(uri, credentials, TimeSpan.FromSeconds(100));
        return config.CreateClient();
    }

    /// <summary>
    /// Checks that the engine answers; one <see cref="BenchException"/> that says what to do when none does.
    /// Returns the engine's version, e.g. "20.10.24+dfsg1 (API 1.41)".
    /// </summary>
    public static async Task<string> EnsureDaemonAsync(DockerOptions options, CancellationToken ct = default)
    {
        using var client = CreateClient(options);
        return await EnsureDaemonAsync(client, options, ct);
    }

    internal static async Task<string> EnsureDaemonAsync(DockerClient client, DockerOptions options, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var version = await client.System.GetVersionAsync(timeout.Token);
            return $"{version.Version} (API {version.APIVersion})";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new BenchException(NoDaemonMessage(options, e), e);
        }
    }

    internal static string NoDaemonMessage(DockerOptions options, Exception e)
    {
        var host = ResolveHost(options);
        var reason = e switch
        {
            OperationCanceledException => "no answer within 10 s",
            DockerApiException api => $"{(int)api.StatusCode} {api.ResponseBody?.Trim()}",
            _ => Innermost(e).Message,
        };
        var fix = host == DefaultHost
            ? "Run `./bench run --runtime docker ...`, which starts one (scripts/docker/ensure-daemon.sh installs docker.io and starts dockerd when the machine lacks it), start dockerd yourself, or set DOCKER_HOST / --docker-host to an engine elsewhere."
            : "Check that the engine runs there and that DOCKER_HOST / --docker-host (and DOCKER_CERT_PATH, DOCKER_TLS_VERIFY for TLS) are right, or unset DOCKER_HOST to use a local engine (./bench starts one with scripts/docker/ensure-daemon.sh).";
        return $"no Docker engine answers at {host} ({reason}). {fix}";
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    internal static bool IsNotFound(Exception e) => e is DockerApiException { StatusCode: HttpStatusCode.NotFound };

    /// <summary>A removal that found nothing to remove: the container is gone, or another removal is under way.</summary>
    internal static bool IsGone(DockerApiException e) =>
        e.StatusCode == HttpStatusCode.NotFound ||
        (e.StatusCode == HttpStatusCode.Conflict && (e.ResponseBody ?? "").Contains("in progress", StringComparison.OrdinalIgnoreCase));
}
