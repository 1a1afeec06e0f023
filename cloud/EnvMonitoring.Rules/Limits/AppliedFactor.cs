using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Limits;

/// <summary>A coefficient as applied to a station, with what determined it (e.g. <c>dischargeM3PerDay 1200 in 500–5000</c>).</summary>
public sealed record AppliedFactor(string Name, decimal Value, Confidence Confidence, string Basis)
{
    /// <summary>The station input that chose the value (<c>dischargeM3PerDay</c>); null when the authority declared the value.</summary>
    public string? Input { get; init; }

    /// <summary>The input's quantity for a banded table (1200 m³/24 h).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The input's category for a table of choices (<c>industrial</c>).</summary>
    public string? Choice { get; init; }
}
