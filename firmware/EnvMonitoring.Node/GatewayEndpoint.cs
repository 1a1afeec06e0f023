using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Node;

/// <summary>The park gateway's MQTT listener and this node's device credentials on it.</summary>
public sealed class GatewayEndpoint
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1884;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS to the gateway's TLS listener (section <c>Node:Gateway:Tls</c>): on while its <c>CaPath</c> is set; <see cref="Port"/> is then the TLS port.</summary>
    [Required]
    public TlsClientOptions Tls { get; set; } = new();

    /// <summary>Longest wait between two connection attempts while the gateway is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
