using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Hands every alert transition of the host's <see cref="AlertService"/> to the
/// <see cref="AlertNotifier"/>, with what the registry knows (park and its name, station name, facility) and the alert's
/// worst level so far. Returns without waiting for any receiver, as the rules loop requires: once the
/// notice is on disk in each matching receiver's outbox (one fsync each).
/// </summary>
internal sealed class AlertNotificationListener(AlertNotifier notifier, IOptions<NotificationOptions> options) : IRulesListener
{
    private readonly Uri? _dashboard = options.Value.DashboardUrl;

    /// <summary>Notifies of a registered station's transition (a station gone from the registry has no routes).</summary>
    public void OnTransition(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Station is not { } station)
        {
            return;
        }

        notifier.Notify(new AlertNotice(station.Park, station.Station, transition.Event, station.Name, transition.View.Unit, _dashboard)
        {
            Peak = WireName.TryParse<Severity>(transition.View.Peak, out var peak) ? peak : null,
            ParkName = station.Place.ParkName,
            Facility = station.Place.Facility,
        });
    }
}
