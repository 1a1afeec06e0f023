using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// How the live picture judges a latest reading, a parameter and a station's freshness now — by
/// the same limit shape and severity scale the engine's alerts use, so a value the dashboard
/// colours as approaching or exceeding is one the rules would raise an alert for.
/// </summary>
public static class LiveJudgement
{
    /// <summary>A station is stale when its newest measurement is older than this many expected intervals.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>The reporting interval assumed for a station that is not in the registry (the registry's own default).</summary>
    public static readonly TimeSpan DefaultExpectedInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One reading against its limit: which bound, the multiple (one-sided limits) or the band (ranges),
    /// the level. Only a probe that was measuring is judged (a calibrating or faulty probe's value says
    /// nothing about the discharge): otherwise, or without a limit, nothing is judged (level none, no bound).
    /// </summary>
    /// <param name="reading">The latest reading of a parameter.</param>
    /// <param name="limit">The station's limit for it; null: not judged.</param>
    /// <param name="approachRatio">The station's approach ratio; null: no approaching level.</param>
    /// <param name="scale">The severity scale the engine judges by.</param>
    public static LimitJudgement Judge(Reading reading, ParameterLimit? limit, double? approachRatio, SeverityScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return reading.Status != DeviceStatus.Measuring || limit is null
            ? default
            : new LimitShape(limit, scale).Judge(reading.Value, scale, approachRatio ?? double.NaN);
    }

    /// <summary>The level of one reading against its limit (<see cref="Judge"/>) as the dashboard colours it.</summary>
    public static ValueLevel LevelOf(Reading reading, ParameterLimit? limit, double? approachRatio, SeverityScale scale) =>
        LevelOf(Judge(reading, limit, approachRatio, scale).Level);

    public static ValueLevel LevelOf(Severity level) => level switch
    {
        Severity.None => ValueLevel.Normal,
        Severity.Approaching => ValueLevel.Approaching,
        _ => ValueLevel.Exceeding,
    };

    /// <summary>
    /// A parameter's condition now: silent (its latest reading is old while the station reports:
    /// <paramref name="silent"/>) first, then what the probe says of itself (fault, calibrating), a
    /// stuck value (<paramref name="flat"/>: not judged by the rules), and last the value against its limit.
    /// </summary>
    public static StationCondition ConditionOf(ValueLevel level, DeviceStatus status, bool flat, bool silent) =>
        silent ? StationCondition.Silent
        : status == DeviceStatus.Fault ? StationCondition.Fault
        : status == DeviceStatus.Calibrating ? StationCondition.Calibrating
        : flat ? StationCondition.FlatLine
        : level switch
        {
            ValueLevel.Exceeding => StationCondition.Exceeding,
            ValueLevel.Approaching => StationCondition.Approaching,
            _ => StationCondition.Normal,
        };

    /// <summary>Whether the newest measurement (none: always) is older than <see cref="StaleAfterIntervals"/> expected intervals.</summary>
    public static bool IsStale(DateTimeOffset? lastMeasuredAt, DateTimeOffset now, TimeSpan expectedInterval) =>
        lastMeasuredAt is not { } measured || now - measured > StaleAfterIntervals * expectedInterval;
}
