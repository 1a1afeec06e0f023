using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Condition;

/// <summary>
/// How the live picture judges a latest reading and a station's freshness — by the same limit
/// shape and severity scale the engine's alerts use, so a value the dashboard colours as
/// approaching or exceeding is one the rules would raise an alert for.
/// </summary>
public static class LiveJudgement
{
    /// <summary>A station is stale when its newest measurement is older than this many expected intervals.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>The reporting interval assumed for a station that is not in the registry (the registry's own default).</summary>
    public static readonly TimeSpan DefaultExpectedInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The level of one reading against its limit: only a probe that was measuring is judged (a
    /// calibrating or faulty probe's value says nothing about the discharge).
    /// </summary>
    /// <param name="reading">The latest reading of a parameter.</param>
    /// <param name="limit">The station's limit for it; null: not judged.</param>
    /// <param name="approachRatio">The station's approach ratio; null: no approaching level.</param>
    /// <param name="scale">The severity scale the engine judges by.</param>
    public static ValueLevel LevelOf(Reading reading, ParameterLimit? limit, double? approachRatio, SeverityScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var shape = new LimitShape(limit);
        if (reading.Status != DeviceStatus.Measuring || !shape.Exists)
        {
            return ValueLevel.Normal;
        }

        return scale.LevelOf(shape.MultipleOf(reading.Value), approachRatio ?? double.NaN) switch
        {
            Severity.None => ValueLevel.Normal,
            Severity.Approaching => ValueLevel.Approaching,
            _ => ValueLevel.Exceeding,
        };
    }

    /// <summary>Whether the newest measurement (none: always) is older than <see cref="StaleAfterIntervals"/> expected intervals.</summary>
    public static bool IsStale(DateTimeOffset? lastMeasuredAt, DateTimeOffset now, TimeSpan expectedInterval) =>
        lastMeasuredAt is not { } measured || now - measured > StaleAfterIntervals * expectedInterval;
}
