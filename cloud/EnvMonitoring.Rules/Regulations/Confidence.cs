namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// How sure the platform is of a regulation value, with the marks of DOMAIN.md. Anything not
/// <see cref="Confirmed"/> is shown as "to verify" (<see cref="ConfidenceMarks.IsToVerify"/>).
/// Ordered from strongest to weakest, so the weakest of several is their maximum.
/// </summary>
public enum Confidence
{
    /// <summary><c>[C]</c>: read in a source.</summary>
    Confirmed,

    /// <summary><c>[L]</c>: likely (secondary sources, working code, consistent practice).</summary>
    Likely,

    /// <summary><c>[U]</c>: uncertain.</summary>
    Uncertain,
}
