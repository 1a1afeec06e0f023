using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// One entry of the <see cref="AlertEventStore"/>: an alert transition with the park it happened in
/// and, for a resolution, the alert's view once resolved (what the shift log and the board after a
/// restart show: peak, acknowledgement, who resolved it and why).
/// </summary>
/// <param name="Park">The station's park when the transition happened.</param>
/// <param name="Event">The transition.</param>
/// <param name="View">For a <see cref="AlertEventKind.Resolved"/> event, the alert as the API showed it once resolved; otherwise null.</param>
public sealed record StoredAlertEvent(string Park, AlertEvent Event, AlertView? View);
