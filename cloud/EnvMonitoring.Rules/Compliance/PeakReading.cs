using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// The single valid reading furthest beyond the limit, known from hourly extremes to the hour
/// (<see cref="HourStart"/>); the host looks up its exact time in the raw data.
/// </summary>
public sealed record PeakReading(DateTimeOffset HourStart, double Value, LimitJudgement Judgement)
{
    /// <summary>The multiple of a one-sided limit; null for a range.</summary>
    public double? Multiple => Judgement.Multiple;

    public Severity Severity => Judgement.Level;
}
