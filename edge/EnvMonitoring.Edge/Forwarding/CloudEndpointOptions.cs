using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>The cloud broker the gateway forwards to (section <c>Gateway:Cloud</c>), with this gateway's credentials.</summary>
public sealed class CloudEndpointOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The broker's MQTT port; its MQTTS port (8883 by convention) when <see cref="Tls"/> is on.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS to the cloud broker (section <c>Gateway:Cloud:Tls</c>): on while its <c>CaPath</c> is set.</summary>
    [Required]
    public TlsClientOptions Tls { get; set; } = new();
}
