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

    [LoggerMessage(6, LogLevel.Warning, "{Channel} {Receiver}: {Pending} notification(s) already queued (the capacity); {Kind} of alert {AlertId} is dropped")]
    public static partial void Dropped(ILogger logger, string channel, string receiver, int pending, AlertEventKind kind, AlertId alertId);

    [LoggerMessage(7, LogLevel.Warning, "Notifications stopping: {Pending} notification(s) not delivered within {Timeout} are abandoned")]
    public static partial void Abandoned(ILogger logger, int pending, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Error, "{Channel} {Receiver}: {Kind} of alert {AlertId} failed unexpectedly and is not retried")]
    public static partial void Crashed(ILogger logger, string channel, string receiver, AlertEventKind kind, AlertId alertId, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Notifications: a notice arrived after shutdown began; {Kind} of alert {AlertId} is dropped")]
    public static partial void AfterShutdown(ILogger logger, AlertEventKind kind, AlertId alertId);
}
