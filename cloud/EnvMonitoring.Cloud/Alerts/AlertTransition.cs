using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// One transition as the rules host hands it to its <see cref="IRulesListener"/>s: the engine's
/// event, the alert's view after it, and the station as registered (null for an alert of a station
/// no longer in the registry; its park is then the one stored with its events).
/// </summary>
public sealed record AlertTransition(string Park, RegisteredStation? Station, AlertEvent Event, AlertView View);
