namespace EnvMonitoring.Cloud.Notifications;

/// <summary>One configured receiver (a webhook, an e-mail route): makes one attempt at a delivery.</summary>
internal interface INotificationReceiver
{
    /// <summary>The configured name, for logs and metrics.</summary>
    string Name { get; }

    /// <summary><c>webhook</c> or <c>email</c>.</summary>
    string Channel { get; }

    NotificationRoute Route { get; }

    /// <summary>
    /// One attempt. Classifies its own failures; throws only <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is cancelled (shutdown).
    /// </summary>
    Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken);
}
