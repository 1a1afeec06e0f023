using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Edge.Security;

internal static class TlsCertificate
{
    /// <summary>Loads the listener's certificate with its private key, from PKCS#12 or PEM files.</summary>
    public static X509Certificate2 Load(TlsOptions options)
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("Gateway:Tls:Port is set but Gateway:Tls:CertificatePath is not.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The TLS certificate {path} (Gateway:Tls:CertificatePath) does not exist.", path);
        }

        if (options.KeyPath is { } keyPath)
        {
            // A PEM pair loads as an ephemeral key; re-importing as PKCS#12 makes it usable by SslStream on every platform.
            using var pem = X509Certificate2.CreateFromPemFile(path, keyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
    }
}
