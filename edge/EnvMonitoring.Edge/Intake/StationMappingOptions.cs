using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Edge.Intake;

/// <summary>How one station's files map into the catalog (<c>Gateway:Intake:Stations:N</c>); see <see cref="StationFileMapping"/>.</summary>
public sealed class StationMappingOptions
{
    /// <summary>The station code of its file names, <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;</c>, e.g. <c>TN_YBWWTP_NUOC01</c>.</summary>
    [Required]
    public string FileStation { get; set; } = "";

    /// <summary>Our station identifier its samples carry.</summary>
    [Required]
    public string Station { get; set; } = "";

    /// <summary>
    /// Source parameter name (case-insensitive) → catalog code and unit factor. Names that are
    /// exactly a catalog code (<c>pH</c>, <c>COD</c>) need no entry.
    /// </summary>
    public Dictionary<string, ParameterMappingOptions> Parameters { get; set; } = [];

    /// <summary>Source parameter names whose lines are skipped (a camera, a sampler's state).</summary>
    public List<string> Ignore { get; set; } = [];

    /// <summary>The mapping; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public StationFileMapping ToMapping() =>
        new(FileStation, Station,
            Parameters.Select(p => KeyValuePair.Create(p.Key, new ParameterMapping(p.Value.Code, p.Value.Factor, p.Value.Unit))),
            Ignore);
}
