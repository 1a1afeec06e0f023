using System.ComponentModel.DataAnnotations;

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

    /// <summary>The broker the park's nodes connect to.</summary>
    [Required]
    public EndpointOptions Listen { get; set; } = new() { Port = 1884 };

    /// <summary>The cloud broker the gateway forwards to.</summary>
    [Required]
    public EndpointOptions Cloud { get; set; } = new() { Port = 1883 };

    /// <summary>Samples per upstream batch at most.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSamples { get; set; } = 500;

    /// <summary>Longest a sample waits for its batch to fill.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Samples held in memory awaiting the cloud; a full queue delays node PUBACKs (back-pressure).</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;
}

/// <summary>A host and port, with optional credentials.</summary>
public sealed class EndpointOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }
}
