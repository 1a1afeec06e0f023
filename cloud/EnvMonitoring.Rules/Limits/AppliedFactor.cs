using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Limits;

/// <summary>A coefficient as applied to a station, with what determined it (e.g. <c>dischargeM3PerDay 1200 in 500–5000</c>).</summary>
public sealed record AppliedFactor(string Name, decimal Value, Confidence Confidence, string Basis)
{
    /// <summary>The <see cref="SiteInputs"/> name that determined it (<c>dischargeM3PerDay</c>); null when declared for the station.</summary>
    public string? Input { get; init; }

    /// <summary>The station's quantity for <see cref="Input"/> (1200), for a banded table.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The station's category for <see cref="Input"/> (<c>industrial</c>), for a table of choices.</summary>
    public string? Choice { get; init; }
}
