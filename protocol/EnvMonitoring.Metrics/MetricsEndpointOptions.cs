using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Metrics;

/// <summary>
/// The Prometheus endpoint of a gateway or a node (<c>Gateway:Metrics</c>, <c>Node:Metrics</c>):
/// plain HTTP <c>GET /metrics</c>, off while <see cref="Port"/> is 0 (the default), on the loopback
/// address unless <see cref="Host"/> names another. It serves counts, sizes and durations only —
/// no reading, no identity, no secret — so it carries no authentication; expose it beyond the
/// machine only to the Prometheus that scrapes it (docs/metrics.md).
/// </summary>
public sealed class MetricsEndpointOptions
{
    /// <summary>The IP address the endpoint listens on.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 (the default) leaves the endpoint off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
