namespace EnvMonitoring.Rules.Condition;

/// <summary>Where one reading stands against its limit, as the live picture colours it.</summary>
public enum ValueLevel : byte
{
    /// <summary>Within the limit, below the approach ratio — or not judged (no limit, a probe not measuring).</summary>
    Normal,

    /// <summary>At or above the station's approach ratio of the limit, not beyond it.</summary>
    Approaching,

    /// <summary>Beyond the limit (a value equal to its limit complies).</summary>
    Exceeding,
}
