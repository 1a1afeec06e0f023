namespace EnvMonitoring.Cloud.Observability;

internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 950, Level = LogLevel.Information, Message = "System health: storage {StorageUp}, broker {BrokerUp}, {EventsNotStored} alert event(s) not yet stored")]
    public static partial void HealthChanged(ILogger logger, bool storageUp, bool brokerUp, int eventsNotStored);
}
