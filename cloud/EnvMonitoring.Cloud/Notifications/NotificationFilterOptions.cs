using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>Which alert events a receiver wants: by severity, park and kind of transition.</summary>
public abstract class NotificationFilterOptions
{
    /// <summary>
    /// The least severity that reaches this receiver, judged on the worst level the alert reached,
    /// so a receiver told that an alert opened is also told how it ends.
    /// </summary>
    public Severity MinSeverity { get; set; } = Severity.Warning;

    /// <summary>Parks this receiver covers; empty means every park.</summary>
    public List<string> Parks { get; set; } = [];

    /// <summary>Transitions this receiver wants; empty means <see cref="NotificationRoute.DefaultKinds"/>.</summary>
    public List<AlertEventKind> Kinds { get; set; } = [];
}
