using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Security;

/// <summary>The node broker's TLS listener (section <c>Gateway:Tls</c>).</summary>
public sealed class TlsOptions
{
    /// <summary>0 turns the TLS listener off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>A PKCS#12 file (.pfx/.p12) holding certificate and key, or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key, when <see cref="CertificatePath"/> is a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file, if any. Keep it out of files under version control.</summary>
    public string? CertificatePassword { get; set; }
}
