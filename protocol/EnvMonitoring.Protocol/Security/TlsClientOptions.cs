namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// TLS for an MQTT client (the gateway's cloud link, a node's gateway link): on while
/// <see cref="CaPath"/> is set. The server must present a certificate for the host connected to,
/// chaining to that CA alone (the system's roots are not trusted); a client certificate is optional.
/// </summary>
public sealed class TlsClientOptions
{
    /// <summary>The CA certificate (PEM or DER) the server's certificate must chain to; TLS is off while unset.</summary>
    public string? CaPath { get; set; }

    /// <summary>This client's certificate, when the server asks for one: PKCS#12, or PEM with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificatePath"/>, if any. Keep it out of files under version control.</summary>
    public string? CertificatePassword { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(CaPath);
}
