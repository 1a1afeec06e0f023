using System.Diagnostics.Metrics;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Tells people about alert transitions: webhooks and e-mail, per severity, park and kind
/// (section <c>Notifications</c>, docs/rules.md). <see cref="Notify"/> never waits for a receiver:
/// it picks the receivers and keeps a delivery for each in the receiver's outbox on disk (one fsync
/// each); <see cref="NotificationDelivery"/> delivers in the background with retries. A receiver
/// whose outbox is full refuses the notice (an error log, a metric, the health report) and keeps
/// what waits, rather than grow without bound.
/// </summary>
public sealed class AlertNotifier : IDisposable
{
    private readonly AlertPeaks _peaks = new();
    private readonly TimeProvider _time;

    internal AlertNotifier(IReadOnlyList<ReceiverQueue> receivers, NotificationMetrics metrics, TimeProvider time)
    {
        Receivers = receivers;
        _time = time;
        metrics.Observe(() => Receivers.Select(r => new Measurement<int>(r.Pending, NotificationMetrics.Tags(r.Receiver))));
    }

    internal IReadOnlyList<ReceiverQueue> Receivers { get; }

    /// <summary>Deliveries queued or under way, all receivers together.</summary>
    public int Pending => Receivers.Sum(r => r.Pending);

    /// <summary>Each receiver's outbox: what waits, how much may, and how many notices it refused since start.</summary>
    public IReadOnlyList<ReceiverHealth> Health() =>
        [.. Receivers.Select(r => new ReceiverHealth(r.Receiver.Name, r.Receiver.Channel, r.Pending, r.Capacity, r.Dropped))];

    public void Dispose()
    {
        foreach (var receiver in Receivers)
        {
            receiver.Dispose();
        }
    }

    /// <summary>Keeps <paramref name="notice"/> in the outbox of every receiver whose route takes it; never waits for a receiver.</summary>
    public void Notify(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(notice.Event);
        var peak = _peaks.Observe(notice);
        var now = _time.GetUtcNow();
        foreach (var queue in Receivers)
        {
            if (queue.Receiver.Route.Matches(notice, peak))
            {
                queue.TryEnqueue(new Delivery(queue.Receiver.Name, notice, peak, now));
            }
        }
    }
}
