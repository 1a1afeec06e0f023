using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Hands every alert transition of the host's <see cref="AlertService"/> to the
/// <see cref="AlertNotifier"/>, with what the registry knows (park, station name) and the alert's
/// worst level so far. Returns at once, as the rules loop requires.
/// </summary>
internal sealed class AlertNotificationListener(AlertNotifier notifier, IOptions<NotificationOptions> options) : IAlertListener
{
    private readonly Uri? _dashboard = options.Value.DashboardUrl;

    public void OnAlert(RegisteredStation station, AlertEvent transition, AlertView view)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(view);
        notifier.Notify(new AlertNotice(station.Park, station.Station, transition, station.Name, view.Unit, _dashboard)
        {
            Peak = AlertView.TryParseSeverity(view.Peak, out var peak) ? peak : null,
        });
    }
}
