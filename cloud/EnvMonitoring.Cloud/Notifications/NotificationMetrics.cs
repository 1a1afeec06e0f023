using System.Diagnostics.Metrics;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Notifications' instruments (meter <c>EnvMonitoring.Notifications</c>), exported for Prometheus
/// at <c>/metrics</c> as <c>envmon_notifications_*</c>, tagged by channel (webhook, email) and receiver.
/// </summary>
internal sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "EnvMonitoring.Notifications";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _dropped;

    public NotificationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("envmon.notifications.sent", "{notification}", "Notifications a receiver accepted");
        _failed = _meter.CreateCounter<long>("envmon.notifications.failed", "{notification}", "Notifications refused or given up after retries");
        _retried = _meter.CreateCounter<long>("envmon.notifications.retried", "{attempt}", "Attempts that failed transiently and were retried");
        _dropped = _meter.CreateCounter<long>("envmon.notifications.dropped", "{notification}", "Notifications refused because the receiver's outbox was full (or could not be written)");
    }

    /// <summary>Set once the receivers exist: the gauge of queued deliveries reads it.</summary>
    public void Observe(Func<IEnumerable<Measurement<int>>> pending) =>
        _meter.CreateObservableGauge("envmon.notifications.queue", pending, "{notification}", "Deliveries waiting in the outbox (queued or under way), by receiver");

    public void Sent(INotificationReceiver receiver) => _sent.Add(1, Tags(receiver));

    public void Failed(INotificationReceiver receiver) => _failed.Add(1, Tags(receiver));

    public void Retried(INotificationReceiver receiver) => _retried.Add(1, Tags(receiver));

    public void Dropped(INotificationReceiver receiver) => _dropped.Add(1, Tags(receiver));

    public static KeyValuePair<string, object?>[] Tags(INotificationReceiver receiver) =>
        [new("channel", receiver.Channel), new("receiver", receiver.Name)];

    public void Dispose() => _meter.Dispose();
}
