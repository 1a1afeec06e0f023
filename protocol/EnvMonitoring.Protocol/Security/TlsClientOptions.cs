namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// TLS for an MQTT client (the gateway's cloud link, a node's gateway link): on while
/// <see cref="CaPath"/> is set. The server must present a certificate for the host connected to,
/// chaining to that CA alone (the system's roots are not trusted); a client certificate is optional.
/// </summary>
public sealed class TlsClientOptions : TlsCertificateFile
{
    /// <summary>The CA certificate (PEM or DER) the server's certificate must chain to; TLS is off while unset.</summary>
    public string? CaPath { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(CaPath);
}
