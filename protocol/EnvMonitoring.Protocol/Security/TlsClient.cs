using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Protocol.Security;

/// <summary>The loaded <see cref="TlsClientOptions"/>: the CA servers are checked against, and the optional client certificate.</summary>
public sealed class TlsClient : IDisposable
{
    private TlsClient(TrustedCa ca, X509Certificate2? certificate)
    {
        Ca = ca;
        Certificate = certificate;
    }

    public TrustedCa Ca { get; }

    /// <summary>The client certificate, if one is configured.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Loads the files <paramref name="options"/> name, or returns null when TLS is off.</summary>
    /// <param name="options">The client's TLS settings.</param>
    /// <param name="section">Their configuration section (e.g. <c>Gateway:Cloud:Tls</c>), for error messages.</param>
    public static TlsClient? Load(TlsClientOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return null;
        }

        var ca = TrustedCa.Load(options.CaPath!, $"{section}:CaPath");
        try
        {
            var certificate = string.IsNullOrEmpty(options.CertificatePath) ? null
                : options.LoadCertificate(section);
            return new TlsClient(ca, certificate);
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    /// <summary>Whether the server's certificate is issued for the host connected to and chains to the CA.</summary>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain TLS built.</param>
    /// <param name="errors">TLS's verdict.</param>
    /// <param name="reason">Why the server is refused; empty when accepted.</param>
    public bool AcceptsServer(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, out string reason) =>
        Ca.Accepts(certificate, chain, errors, checkName: true, out reason);

    public void Dispose()
    {
        Ca.Dispose();
        Certificate?.Dispose();
    }
}
