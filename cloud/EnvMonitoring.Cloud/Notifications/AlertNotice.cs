using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// What the alert service hands to <see cref="AlertNotifier.Notify"/> for one alert transition:
/// the rules engine's <see cref="AlertEvent"/> plus what a person reading the notice needs and
/// the engine does not know.
/// </summary>
/// <param name="Park">The station's industrial park: routes are chosen by it.</param>
/// <param name="Station">The station id, e.g. <c>YB-WWTP-01</c>.</param>
/// <param name="Event">The transition.</param>
/// <param name="StationName">The station's display name, when the registry has one.</param>
/// <param name="Unit">The parameter's unit (e.g. <c>mg/L</c>); the catalog's unit when null.</param>
/// <param name="DashboardUrl">The dashboard's base address; notices then link to the alert.</param>
public sealed record AlertNotice(
    string Park,
    string Station,
    AlertEvent Event,
    string? StationName = null,
    string? Unit = null,
    Uri? DashboardUrl = null)
{
    /// <summary>
    /// The worst level the alert reached (<see cref="Alert.Peak"/>), when the caller knows it.
    /// Routes filter on it, so that a cleared or resolved alert (severity <see cref="Severity.None"/>)
    /// still reaches the receivers that were told it opened. The notifier also remembers the peaks
    /// it has seen since start-up.
    /// </summary>
    public Severity? Peak { get; init; }

    /// <summary>The park's display name with diacritics ("Khu công nghiệp Yên Bình"); <see cref="Park"/> when unknown.</summary>
    public string? ParkName { get; init; }

    /// <summary>The facility that discharges at the station, as its permit names it; null when not registered.</summary>
    public string? Facility { get; init; }
}
