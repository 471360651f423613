using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bench.Core;

namespace Bench.Runtime.Docker.Tests;

/// <summary>
/// DOCKER_HOST=tcp://... with TLS, against the real engine behind an in-process TLS front (what dockerd
/// --tlsverify does): it requires a client certificate signed by the test CA and forwards to the socket.
/// </summary>
public sealed class TlsTests
{
    [DockerFact]
    public async Task Engine_is_reached_over_mutual_TLS_and_refused_with_the_wrong_CA()
    {
        using var pki = new TestPki();
        await using var front = TlsFront.Start(pki.Server, pki.CaCertificate, "/var/run/docker.sock");
        var options = new DockerOptions { RunId = "tls-test", Host = $"tcp://127.0.0.1:{front.Port}", TlsCertPath = pki.Folder };

        var version = await DockerEngine.EnsureDaemonAsync(options);
        Assert.Contains("API", version);
        Assert.False(DockerEngine.IsRemote(options));

        // a folder whose CA did not sign the engine's certificate: the client refuses the engine
        using var stranger = new TestPki();
        var e = await Assert.ThrowsAsync<BenchException>(() => DockerEngine.EnsureDaemonAsync(options with { TlsCertPath = stranger.Folder }));
        Assert.Contains($"no Docker engine answers at tcp://127.0.0.1:{front.Port}", e.Message);
        // ... unless verification is off; then the engine refuses the stranger's client certificate
        await Assert.ThrowsAsync<BenchException>(() => DockerEngine.EnsureDaemonAsync(options with { TlsCertPath = stranger.Folder, TlsVerify = false }));
    }

    [Fact]
    public void A_TLS_folder_without_the_client_key_is_named_in_the_error()
    {
        var empty = Directory.CreateTempSubdirectory("bench-tls-").FullName;
        try
        {
            var e = Assert.Throws<BenchException>(() => DockerEngine.CreateClient(new DockerOptions { RunId = "x", Host = "tcp://127.0.0.1:2376", TlsCertPath = empty }));
            Assert.Contains("cert.pem and key.pem", e.Message);
            Assert.Contains(empty, e.Message);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    /// <summary>A CA, a server certificate for 127.0.0.1 and a client certificate, as DOCKER_CERT_PATH holds them.</summary>
    private sealed class TestPki : IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("bench-tls-").FullName;
        public X509Certificate2 CaCertificate { get; }
        public X509Certificate2 Server { get; }

        public TestPki()
        {
            var now = DateTimeOffset.UtcNow;
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest("CN=bench test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
            CaCertificate = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

            Server = Issue("CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", out _, san: true);
            using var client = Issue("CN=bench client", "1.3.6.1.5.5.7.3.2", out var clientKey);
            File.WriteAllText(Path.Combine(Folder, "ca.pem"), CaCertificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(Folder, "cert.pem"), client.ExportCertificatePem());
            File.WriteAllText(Path.Combine(Folder, "key.pem"), clientKey.ExportRSAPrivateKeyPem());
            clientKey.Dispose();
        }

        private X509Certificate2 Issue(string subject, string usage, out RSA key, bool san = false)
        {
            var now = DateTimeOffset.UtcNow;
            key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
            if (san)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddIpAddress(IPAddress.Loopback);
                names.AddDnsName("localhost");
                request.CertificateExtensions.Add(names.Build());
            }
            using var issued = request.Create(CaCertificate, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
            using var withKey = issued.CopyWithPrivateKey(key);
            // a PKCS#12 round trip gives SslStream a key it can use as a server on every platform
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        public void Dispose()
        {
            CaCertificate.Dispose();
            Server.Dispose();
            Directory.Delete(Folder, true);
        }
    }

    /// <summary>TLS on a loopback port, client certificate required (signed by the CA), forwarded to a unix socket.</summary>
    private sealed class TlsFront : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static TlsFront Start(X509Certificate2 server, X509Certificate2 ca, string socketPath)
        {
            var front = new TlsFront();
            front._listener.Start();
            front._accepting = Task.Run(() => front.AcceptAsync(server, ca, socketPath));
            return front;
        }

        private async Task AcceptAsync(X509Certificate2 server, X509Certificate2 ca, string socketPath)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient tcp;
                try { tcp = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(tcp, server, ca, socketPath));
            }
        }

        private async Task ServeAsync(TcpClient tcp, X509Certificate2 server, X509Certificate2 ca, string socketPath)
        {
            using (tcp)
            {
                try
                {
                    await using var tls = new SslStream(tcp.GetStream());
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = server,
                        ClientCertificateRequired = true,
                        RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && SignedBy(cert, ca),
                    }, _stop.Token);
                    using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await unix.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), _stop.Token);
                    await using var engine = new NetworkStream(unix, ownsSocket: false);
                    await Task.WhenAny(tls.CopyToAsync(engine, _stop.Token), engine.CopyToAsync(tls, _stop.Token));
                }
                catch (Exception) { /* a refused handshake or a closed connection */ }
            }
        }

        private static bool SignedBy(X509Certificate cert, X509Certificate2 ca)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(cert);
            return chain.Build(leaf);
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
