using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Intake;

/// <summary>Where one source parameter name goes; see <see cref="EnvMonitoring.Protocol.Circular10.ParameterMapping"/>.</summary>
public sealed class ParameterMappingOptions
{
    /// <summary>The catalog code (case-sensitive), e.g. <c>FlowIn</c>.</summary>
    [Required]
    public string Code { get; set; } = "";

    /// <summary>value × factor = the catalog's canonical unit (3.6 turns L/s into m³/h).</summary>
    public double Factor { get; set; } = 1;

    /// <summary>The unit the file must name for this parameter, when set (a unit change then refuses the file).</summary>
    public string? Unit { get; set; }
}
