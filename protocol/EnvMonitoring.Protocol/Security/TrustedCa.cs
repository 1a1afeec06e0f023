using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// The one certificate authority a TLS peer must chain to: the system's trusted roots play no part,
/// so a certificate from a public CA (or another private one) is refused even for the right name.
/// </summary>
public sealed class TrustedCa : IDisposable
{
    private readonly X509Certificate2 _ca;

    private TrustedCa(X509Certificate2 ca) => _ca = ca;

    /// <summary>The CA's subject, for logs.</summary>
    public string Subject => _ca.Subject;

    /// <summary>Loads the CA certificate (PEM or DER).</summary>
    /// <param name="path">The CA certificate file.</param>
    /// <param name="setting">The configuration key that named the file, for error messages.</param>
    public static TrustedCa Load(string path, string setting)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CA certificate {path} ({setting}) does not exist.", path);
        }

        return new TrustedCa(X509CertificateLoader.LoadCertificateFromFile(path));
    }

    /// <summary>Wraps a CA certificate already in memory (the caller keeps ownership of <paramref name="ca"/>'s lifetime).</summary>
    /// <param name="ca">The CA certificate.</param>
    public static TrustedCa From(X509Certificate2 ca) => new(X509CertificateLoader.LoadCertificate(ca.RawData));

    /// <summary>
    /// Whether a peer's certificate chains to this CA. TLS's own verdict counts only for the host
    /// name and a missing certificate; its chain verdict (against the system store) is replaced by one
    /// against this CA alone.
    /// </summary>
    /// <param name="certificate">The peer's certificate.</param>
    /// <param name="chain">The chain TLS built; its extra certificates are used as intermediates.</param>
    /// <param name="errors">TLS's verdict.</param>
    /// <param name="checkName">Whether a host name mismatch refuses (servers: yes; client certificates: no).</param>
    /// <param name="reason">Why the certificate is refused; empty when accepted.</param>
    public bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, bool checkName, out string reason)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reason = "the peer presented no certificate";
            return false;
        }

        if (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reason = $"the certificate ({certificate.Subject}) is not issued for the host connected to";
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(_ca);
        // A private CA publishes no revocation lists; expiry and signatures are still checked.
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (own.Build(leaf))
        {
            reason = "";
            return true;
        }

        var status = string.Join("; ", own.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        reason = $"the certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to the configured CA ({_ca.Subject}): {status}";
        return false;
    }

    public void Dispose() => _ca.Dispose();
}
