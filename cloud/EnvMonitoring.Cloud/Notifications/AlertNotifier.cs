using System.Diagnostics.Metrics;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Tells people about alert transitions: webhooks and e-mail, per severity, park and kind
/// (section <c>Notifications</c>, docs/rules.md). <see cref="Notify"/> never waits: it picks the
/// receivers and queues a delivery for each; <see cref="NotificationDelivery"/> delivers in the
/// background with retries. A receiver whose queue is full loses the notice (counted and logged)
/// rather than slow the rules engine down.
/// </summary>
public sealed class AlertNotifier
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

    /// <summary>Queues <paramref name="notice"/> for every receiver whose route takes it, without blocking.</summary>
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
