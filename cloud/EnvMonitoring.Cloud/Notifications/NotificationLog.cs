using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications;

internal static partial class NotificationLog
{
    [LoggerMessage(1, LogLevel.Information, "Notifications: {Webhooks} webhook(s) and {Routes} e-mail route(s) configured")]
    public static partial void Configured(ILogger logger, int webhooks, int routes);

    [LoggerMessage(2, LogLevel.Debug, "{Channel} {Receiver}: delivered {Kind} of alert {AlertId} (delivery {DeliveryId}, attempt {Attempt}): {Detail}")]
    public static partial void Delivered(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, string deliveryId, int attempt, string detail);

    [LoggerMessage(3, LogLevel.Warning, "{Channel} {Receiver}: {Kind} of alert {AlertId} failed ({Detail}); retry {Retry} in {Delay}")]
    public static partial void Retrying(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, string detail, int retry, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "{Channel} {Receiver}: gave up on {Kind} of alert {AlertId} (delivery {DeliveryId}) after {Attempts} attempt(s) over {Elapsed}: {Detail}")]
    public static partial void GaveUp(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, string deliveryId, int attempts, TimeSpan elapsed, string detail);

    [LoggerMessage(5, LogLevel.Error, "{Channel} {Receiver}: {Kind} of alert {AlertId} (delivery {DeliveryId}) was refused and is not retried: {Detail}")]
    public static partial void Refused(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, string deliveryId, string detail);

    [LoggerMessage(6, LogLevel.Error, "{Channel} {Receiver}: its outbox is full ({Pending} notification(s) waiting, Notifications:QueueCapacity); {Kind} of alert {AlertId} is refused and the waiting ones are kept")]
    public static partial void OutboxFull(ILogger logger, string channel, string receiver, int pending, AlertEventKind kind, AlertId alertId);

    [LoggerMessage(7, LogLevel.Information, "Notifications stopping: {Pending} notification(s) not delivered within {Timeout} stay in the outbox for the next start")]
    public static partial void KeptForNextStart(ILogger logger, int pending, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Error, "{Channel} {Receiver}: {Kind} of alert {AlertId} failed unexpectedly and is not retried")]
    public static partial void Crashed(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Notifications: a notice arrived after shutdown began; {Kind} of alert {AlertId} is kept in the outbox for the next start")]
    public static partial void AfterShutdown(ILogger logger, AlertEventKind kind, AlertId alertId);

    [LoggerMessage(10, LogLevel.Error, "{Channel} {Receiver}: {Kind} of alert {AlertId} could not be written to the outbox and is refused")]
    public static partial void OutboxWriteFailed(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Notifications outbox of {Receiver}: could not mark delivery {Sequence} as settled in {Path}; it may be sent again after a restart")]
    public static partial void OutboxSettleFailed(ILogger logger, string receiver, long sequence, string path, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Notifications outbox of {Receiver}: cut a torn record of {Bytes} byte(s) at the end of {Path} (the host stopped while writing it, before it was queued)")]
    public static partial void OutboxTornTail(ILogger logger, string receiver, long bytes, string path);

    [LoggerMessage(13, LogLevel.Information, "{Channel} {Receiver}: {Waiting} notification(s) from before the start are in the outbox; delivering them first")]
    public static partial void OutboxRecovered(ILogger logger, string channel, string receiver, int waiting);

    [LoggerMessage(14, LogLevel.Warning, "Notifications outbox {Path} belongs to no configured receiver (renamed or removed?); its notifications are kept and not delivered")]
    public static partial void OutboxOrphaned(ILogger logger, string path);
}
