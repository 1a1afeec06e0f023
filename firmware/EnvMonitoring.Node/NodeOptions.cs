using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node;

/// <summary>A sensor node (section <c>Node</c>): the park it reports to, its gateway, and its stations.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Park { get; set; } = "";

    [Required]
    public GatewayEndpoint Gateway { get; set; } = new();

    /// <summary>How often a sample is reported (the mean of the probe readings over this interval).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The discharge points this node reports for; a real node has one, a simulator may have several.</summary>
    [MinLength(1)]
    public List<StationOptions> Stations { get; set; } = [];
}

public sealed class GatewayEndpoint
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1884;

    public string? Username { get; set; }

    public string? Password { get; set; }
}

public sealed class StationOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Id { get; set; } = "";

    /// <summary>Wastewater outfall or stack: decides which parameters the simulator produces.</summary>
    public Medium Medium { get; set; } = Medium.Water;
}
