using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// One station as configured (<c>Stations:0:…</c>): where it is, what it discharges, what it sends
/// and which limits apply — a regulation column with the site's inputs, or the permit's own limits.
/// </summary>
public sealed class StationDefinition
{
    public string Park { get; set; } = "";

    public string Station { get; set; } = "";

    /// <summary>Display name; the station id when absent.</summary>
    public string? Name { get; set; }

    /// <summary>The facility that discharges here, as its permit names it ("Công ty TNHH …").</summary>
    public string? Facility { get; set; }

    /// <summary>The facility's environmental permit, e.g. "Giấy phép môi trường số 123/GPMT-UBND".</summary>
    public string? PermitNumber { get; set; }

    /// <summary>Latitude of the discharge point (WGS 84, degrees); with <see cref="Longitude"/> or not at all.</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude of the discharge point (WGS 84, degrees).</summary>
    public double? Longitude { get; set; }

    public Medium Medium { get; set; } = Medium.Water;

    /// <summary>How often the station reports; drives staleness on the dashboard and completeness.</summary>
    public TimeSpan ExpectedInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Parameter codes the station measures. When given, only these are judged: a regulation's limit
    /// for a parameter the station does not measure is left out. Empty: every limit applies.
    /// </summary>
    public List<string> Parameters { get; set; } = [];

    /// <summary>Regulation id, e.g. <c>QCVN 40:2011/BTNMT</c>; none when the limits come from the permit only.</summary>
    public string? Regulation { get; set; }

    public string? Column { get; set; }

    /// <summary>The site's numeric inputs to the coefficient tables (e.g. <c>dischargeM3PerDay</c>, <c>riverDrySeasonFlowM3PerS</c>).</summary>
    public Dictionary<string, decimal> Site { get; set; } = [];

    /// <summary>The site's choices for coefficient tables (e.g. <c>zone</c> = <c>industrial</c>).</summary>
    public Dictionary<string, string> SiteChoices { get; set; } = [];

    /// <summary>Coefficients declared by the permit instead of looked up (e.g. <c>Kq</c> = 0.9).</summary>
    public Dictionary<string, decimal> Factors { get; set; } = [];

    /// <summary>Limits written in the permit; they take precedence over the regulation's for their parameter.</summary>
    public List<PermitLimitDefinition> Permit { get; set; } = [];

    /// <summary>Overrides of the platform's rule defaults for this station.</summary>
    public RuleOverrides Rules { get; set; } = new();
}

/// <summary>A permit's own limit for one parameter (pH as a range).</summary>
public sealed class PermitLimitDefinition
{
    public string Parameter { get; set; } = "";

    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>The permit's reference, e.g. "Permit 123/GP-UBND, art. 2".</summary>
    public string Reference { get; set; } = "permit";
}
