using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Bench.Core;
using Docker.DotNet;
using Microsoft.Net.Http.Client;

namespace Bench.Runtime.Docker;

/// <summary>
/// Mutual TLS with a remote engine from a DOCKER_CERT_PATH-style folder (ca.pem, cert.pem, key.pem), as the
/// docker CLI does with DOCKER_TLS_VERIFY: the client presents cert.pem; the engine's certificate must chain
/// to ca.pem and name the host. Written here so the harness needs no other package than Docker.DotNet.
/// </summary>
internal sealed class TlsCredentials : Credentials
{
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2? _ca;
    private readonly bool _verify;

    private TlsCredentials(X509Certificate2 client, X509Certificate2? ca, bool verify)
    {
        _client = client; _ca = ca; _verify = verify;
    }

    public static TlsCredentials Load(string folder, bool verify)
    {
        string cert = Path.Combine(folder, "cert.pem"), key = Path.Combine(folder, "key.pem"), ca = Path.Combine(folder, "ca.pem");
        if (!File.Exists(cert) || !File.Exists(key))
            throw new BenchException($"TLS for the Docker engine needs cert.pem and key.pem in {folder} (DOCKER_CERT_PATH / --docker-tls-cert-path).");
        if (verify && !File.Exists(ca))
            throw new BenchException($"TLS verification of the Docker engine needs ca.pem in {folder}.");
        try
        {
            return new TlsCredentials(X509Certificate2.CreateFromPemFile(cert, key),
                File.Exists(ca) ? X509CertificateLoader.LoadCertificateFromFile(ca) : null, verify);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new BenchException($"cannot read the TLS files in {folder}: {e.Message}", e);
        }
    }

    public override bool IsTlsCredentials() => true;

    public override HttpMessageHandler GetHandler(HttpMessageHandler innerHandler)
    {
        if (innerHandler is not ManagedHandler handler)
            throw new BenchException("TLS to the Docker engine works over tcp:// only.");
        handler.ClientCertificates = new X509CertificateCollection { _client };
        handler.ServerCertificateValidationCallback = Validate;
        return handler;
    }

    internal bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_verify) return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        if (errors == SslPolicyErrors.None) return true;
        if (_ca is null) return false;
        // The engine's certificate is signed by the folder's CA, which the machine does not trust: check that chain.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }

    public override void Dispose()
    {
        _client.Dispose();
        _ca?.Dispose();
        base.Dispose();
    }
}
