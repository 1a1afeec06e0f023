using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>The embedded broker's MQTTS listener (section <c>Broker:Tls</c>); off while <see cref="Port"/> is 0.</summary>
public sealed class BrokerTlsOptions : TlsCertificateFile
{
    /// <summary>The MQTTS port (8883 by convention), on <see cref="BrokerOptions.Host"/>; 0 turns the TLS listener off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Whether clients must present a certificate signed by <see cref="ClientCaPath"/> (besides their password).</summary>
    public ClientCertificateMode ClientCertificateMode { get; set; } = ClientCertificateMode.None;

    /// <summary>The CA that signs client certificates; required unless <see cref="ClientCertificateMode"/> is <c>None</c>.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>Longest a connection may take to finish its TLS handshake; one that connects and says nothing is dropped then.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
