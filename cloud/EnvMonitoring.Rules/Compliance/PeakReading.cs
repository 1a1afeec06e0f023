using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// The single valid reading furthest beyond the limit, known from hourly extremes to the hour
/// (<see cref="HourStart"/>); the host looks up its exact time in the raw data.
/// </summary>
public sealed record PeakReading(DateTimeOffset HourStart, double Value, double Multiple, Severity Severity);
