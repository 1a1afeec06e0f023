using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// What an alert is about: a rule for a station's parameter (<see cref="Parameter"/> null for
/// station-wide rules such as <see cref="RuleKind.StationOffline"/>). At most one alert per cause is active.
/// </summary>
public readonly record struct AlertCause(string Station, string? Parameter, RuleKind Rule)
{
    public override string ToString() => $"{Station}/{Parameter ?? "-"}/{Rule}";
}
