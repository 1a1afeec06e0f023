using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// How one value stands against its limit, worked out once (the engine's <c>LimitShape</c>) for
/// alerts, the live picture and reports alike. <see cref="Bound"/> is the bound broken — or, within
/// the limit, the one nearest — and <see cref="Limit"/> its value. <see cref="Multiple"/> is value /
/// max for an upper limit and min / value for a lower one; a range (pH) has none: its
/// <see cref="Level"/> comes from the value's <see cref="Band"/> (Decree 45/2022's pH bands).
/// </summary>
/// <param name="Level">None, approaching, or the tier (a range: its band's level).</param>
/// <param name="Bound">The bound broken or nearest; null without a limit.</param>
/// <param name="Limit">That bound's value.</param>
/// <param name="Multiple">The multiple of a one-sided limit; null for a range, without a limit, or when not finite.</param>
/// <param name="Band">A range's band by value (1 the nearest), when outside the range and the parameter has bands.</param>
public readonly record struct LimitJudgement(Severity Level, LimitBound? Bound, double? Limit, double? Multiple, int? Band)
{
    /// <summary>How far beyond the bound (a multiple, or a range's distance outside it; negative within), to order values of one level.</summary>
    internal double Excess { get; init; }

    /// <summary>True when this is worse than <paramref name="other"/>: a higher level, or the same level further out.</summary>
    public bool IsWorseThan(LimitJudgement other) => Level != other.Level ? Level > other.Level : Excess > other.Excess;

    /// <summary>True for a value beyond its limit (a value equal to its limit complies).</summary>
    public bool IsExceedance => Level >= Severity.Warning;
}
