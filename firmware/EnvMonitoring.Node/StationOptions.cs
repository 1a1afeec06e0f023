using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node;

/// <summary>A discharge point this node reports for.</summary>
public sealed class StationOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Id { get; set; } = "";

    /// <summary>Wastewater outfall or stack: decides which parameters the simulator produces.</summary>
    public Medium Medium { get; set; } = Medium.Water;
}
