using System.Text.Json.Serialization;

namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// How bad an alert is, ordered so that a higher value is worse. The exceedance levels follow the
/// multiple of the limit: <see cref="Approaching"/> is a platform level (default from 80% of the
/// limit, not law); <see cref="Warning"/> to <see cref="From10"/> are Decree 45/2022's tiers
/// (<see cref="Regulations.SeverityScale"/>). Alerts about the data rather than the discharge
/// (offline, device fault, flat line, rate of change) are <see cref="Warning"/>, a platform choice.
/// On the wire (docs/live.md) the tiers are written in lower case, <c>from1point1</c>, as the
/// dashboard and webhook receivers have always read them.
/// </summary>
public enum Severity : byte
{
    None = 0,

    /// <summary>At or above the approach ratio of the limit, not above it (platform level).</summary>
    Approaching = 1,

    /// <summary>Above the limit, below 1.1× (Decree 45/2022: warning) [C].</summary>
    Warning = 2,

    /// <summary>From 1.1× to below 1.5× [C].</summary>
    [JsonStringEnumMemberName("from1point1")]
    From1Point1 = 3,

    /// <summary>From 1.5× to below 2× [L].</summary>
    [JsonStringEnumMemberName("from1point5")]
    From1Point5 = 4,

    /// <summary>From 2× to below 3× [L].</summary>
    From2 = 5,

    /// <summary>From 3× to below 5× [L].</summary>
    From3 = 6,

    /// <summary>From 5× to below 10× [L].</summary>
    From5 = 7,

    /// <summary>10× and above [L].</summary>
    From10 = 8,
}
