using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// A private certificate authority made with .NET alone (ECDSA P-256): the CA that <c>./envmon run</c>
/// creates on first start, and the certificates it signs for the brokers' TLS listeners and for
/// clients. Production sites may use their own PKI instead; the services only read PEM or PKCS#12 files.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _certificate;

    private CertificateAuthority(X509Certificate2 certificate) => _certificate = certificate;

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>A new self-signed CA, valid for <paramref name="validity"/>.</summary>
    /// <param name="name">The CA's common name.</param>
    /// <param name="validity">How long the CA is valid from now.</param>
    public static CertificateAuthority Create(string name, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new CertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now + validity));
    }

    /// <summary>Loads a CA from its PEM certificate and PEM private key.</summary>
    /// <param name="certificatePath">The CA's PEM certificate.</param>
    /// <param name="keyPath">The CA's PEM private key.</param>
    public static CertificateAuthority Load(string certificatePath, string keyPath) =>
        new(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));

    /// <summary>A server certificate for TLS listeners on <paramref name="dnsNames"/> and <paramref name="addresses"/>.</summary>
    /// <param name="name">The common name.</param>
    /// <param name="dnsNames">Host names clients connect to.</param>
    /// <param name="addresses">IP addresses clients connect to.</param>
    /// <param name="validity">How long the certificate is valid from now (capped at the CA's own expiry).</param>
    public X509Certificate2 IssueServer(string name, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        return Issue(name, [names.Build(), new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)], validity);
    }

    /// <summary>A client certificate (TLS client authentication), e.g. for a gateway.</summary>
    /// <param name="name">The common name.</param>
    /// <param name="validity">How long the certificate is valid from now (capped at the CA's own expiry).</param>
    public X509Certificate2 IssueClient(string name, TimeSpan validity) =>
        Issue(name, [new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false)], validity);

    /// <summary>Writes a certificate's PEM and, when it has one, its private key's PEM (created with mode 0600 on Unix).</summary>
    /// <param name="certificate">The certificate to write.</param>
    /// <param name="certificatePath">Where the PEM certificate goes.</param>
    /// <param name="keyPath">Where the PEM private key goes.</param>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"The certificate {certificate.Subject} has no private key to write.");
        WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
    }

    public void Dispose() => _certificate.Dispose();

    private X509Certificate2 Issue(string name, IEnumerable<X509Extension> extensions, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        foreach (var extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < _certificate.NotAfter ? now + validity : new DateTimeOffset(_certificate.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 asks
        using var issued = request.Create(_certificate, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        writer.Write('\n');
        writer.Flush();
        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on open: make sure the key is the owner's alone.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
