using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>Told of every alert transition, on the rules loop: must return at once (queue, never wait).</summary>
public interface IAlertListener
{
    void OnAlert(RegisteredStation station, AlertEvent transition, AlertView view);
}
