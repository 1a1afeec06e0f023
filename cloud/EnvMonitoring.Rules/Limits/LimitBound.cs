namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// Which side of a limit a value is judged against: the bound it breaks (pH 4.5 under 6–9 breaks
/// <see cref="Lower"/>, 6), or — within the limit — the bound it is nearest. A one-sided limit has
/// only one. On the wire (docs/live.md) <c>lower</c> and <c>upper</c>.
/// </summary>
public enum LimitBound : byte
{
    /// <summary>The minimum: a value below it breaks the limit.</summary>
    Lower = 1,

    /// <summary>The maximum: a value above it breaks the limit.</summary>
    Upper = 2,
}
