using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Edge.Security;

/// <summary>The node broker's TLS listener (section <c>Gateway:Tls</c>).</summary>
public sealed class TlsOptions : TlsCertificateFile
{
    /// <summary>0 turns the TLS listener off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
