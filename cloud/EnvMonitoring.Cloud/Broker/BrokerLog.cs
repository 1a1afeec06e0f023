namespace EnvMonitoring.Cloud.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Host}:{Port}")]
    public static partial void Started(ILogger logger, string host, int port);

    [LoggerMessage(2, LogLevel.Information, "Turned away client {ClientId}: ingestion is not subscribed yet")]
    public static partial void NotReady(ILogger logger, string clientId);

    [LoggerMessage(3, LogLevel.Warning, "The embedded MQTT broker raised an error while stopping; shutdown continues")]
    public static partial void StopRaced(ILogger logger, Exception exception);
}
