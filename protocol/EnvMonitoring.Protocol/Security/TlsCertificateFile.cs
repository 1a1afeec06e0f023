using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Protocol.Security;

/// <summary>Loads a TLS certificate with its private key, for a listener or a client certificate.</summary>
public static class TlsCertificateFile
{
    /// <summary>Loads a PKCS#12 file (.pfx/.p12), or a PEM certificate with its PEM key.</summary>
    /// <param name="certificatePath">The PKCS#12 file or the PEM certificate.</param>
    /// <param name="keyPath">The PEM private key; null for a PKCS#12 file.</param>
    /// <param name="password">The PKCS#12 file's password, if any.</param>
    /// <param name="setting">The configuration key that named the file, for error messages.</param>
    public static X509Certificate2 Load(string? certificatePath, string? keyPath, string? password, string setting)
    {
        if (string.IsNullOrEmpty(certificatePath))
        {
            throw new InvalidOperationException($"TLS is on but {setting} (the certificate file) is not set.");
        }

        if (!File.Exists(certificatePath))
        {
            throw new FileNotFoundException($"The TLS certificate {certificatePath} ({setting}) does not exist.", certificatePath);
        }

        if (!string.IsNullOrEmpty(keyPath))
        {
            // A PEM pair loads as an ephemeral key; re-importing as PKCS#12 makes it usable by SslStream on every platform.
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
    }
}
