namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// Why a stored reading does or does not count toward compliance. Only <see cref="Valid"/>
/// readings enter means, extremes and completeness; the others are counted as excluded.
/// </summary>
public enum ReadingClass : byte
{
    /// <summary>Device status 0 (measuring) and a plausible value.</summary>
    Valid = 0,

    /// <summary>Device status 1 (Circular 10/2021: calibrating).</summary>
    Calibrating = 1,

    /// <summary>Device status 2 (Circular 10/2021: device fault).</summary>
    Fault = 2,

    /// <summary>
    /// Measuring but not plausible: not a finite number, a negative value of a parameter that
    /// cannot be negative (<see cref="Profiles.RuleSettings.NegativeAllowed"/>), or an unknown
    /// status code. A platform rule, not law.
    /// </summary>
    Invalid = 3,

    /// <summary>
    /// Excluded by an approved annotation (an operator's reason, an inspector's approval; docs/annotations.md).
    /// Only the annotated figures of a report hold these; stored data and original figures never do.
    /// </summary>
    Annotated = 4,
}
