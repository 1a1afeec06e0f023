using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Edge.Forwarding;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Edge.Security;
using EnvMonitoring.Metrics;

namespace EnvMonitoring.Edge;

/// <summary>One gateway at one industrial park (section <c>Gateway</c>); docs/edge.md explains operating it.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The park this gateway serves; its nodes may publish only under <c>envmon/{Park}/…</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Park { get; set; } = "";

    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Id { get; set; } = "";

    /// <summary>The plain-TCP broker the park's nodes connect to; its port 0 leaves only the TLS listener (<see cref="Tls"/>).</summary>
    [Required]
    public EndpointOptions Listen { get; set; } = new() { Port = 1884 };

    /// <summary>The TLS listener (off while its port is 0).</summary>
    [Required]
    public TlsOptions Tls { get; set; } = new();

    /// <summary>The devices allowed to connect, with their hashed passwords and stations.</summary>
    public List<DeviceOptions> Devices { get; set; } = [];

    /// <summary>Accept nodes without credentials (any station of the park). For closed test networks only.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Failed node connects from one address within <see cref="ConnectFailureWindow"/> before that address is refused unchecked.</summary>
    [Range(1, 10_000)]
    public int ConnectFailuresPerWindow { get; set; } = 10;

    /// <summary>The window of <see cref="ConnectFailuresPerWindow"/>: a blocked address is let in again once its failures are this old.</summary>
    public TimeSpan ConnectFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The cloud broker the gateway forwards to (with this gateway's credentials, see docs/security.md).</summary>
    [Required]
    public CloudEndpointOptions Cloud { get; set; } = new();

    [Required]
    public LogOptions Log { get; set; } = new();

    [Required]
    public ForwardingOptions Forwarding { get; set; } = new();

    /// <summary>The Prometheus endpoint (<c>GET /metrics</c>), off while its port is 0 (docs/metrics.md).</summary>
    public MetricsEndpointOptions Metrics { get; set; } = new();
}
