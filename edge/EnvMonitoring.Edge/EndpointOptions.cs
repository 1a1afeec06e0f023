using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge;

/// <summary>A host and port, with optional credentials.</summary>
public sealed class EndpointOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 turns the listener off (the gateway's plaintext one, when nodes use only its TLS listener).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }
}
