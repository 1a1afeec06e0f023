using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// A TLS certificate with its private key, as configured: a listener's (the cloud broker's, the
/// gateway's node listener) or a client's. The option classes of each derive from it, so the three
/// settings are named and loaded one way.
/// </summary>
public class TlsCertificateFile
{
    /// <summary>A PKCS#12 file (.pfx/.p12) holding certificate and key, or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when <see cref="CertificatePath"/> is a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/>, if any. Keep it out of files under version control.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Loads the PKCS#12 file, or the PEM certificate with its PEM key.</summary>
    /// <param name="section">The configuration section of these settings (e.g. <c>Broker:Tls</c>), for error messages.</param>
    public X509Certificate2 LoadCertificate(string section)
    {
        var setting = $"{section}:{nameof(CertificatePath)}";
        if (string.IsNullOrEmpty(CertificatePath))
        {
            throw new InvalidOperationException($"TLS is on but {setting} (the certificate file) is not set.");
        }

        if (!File.Exists(CertificatePath))
        {
            throw new FileNotFoundException($"The TLS certificate {CertificatePath} ({setting}) does not exist.", CertificatePath);
        }

        if (!string.IsNullOrEmpty(KeyPath))
        {
            // A PEM pair loads as an ephemeral key; re-importing as PKCS#12 makes it usable by SslStream on every platform.
            using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
    }
}
