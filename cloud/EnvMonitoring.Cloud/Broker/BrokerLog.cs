namespace EnvMonitoring.Cloud.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Host}:{Port}; ingestion takes its messages {How}")]
    public static partial void Started(ILogger logger, string host, int port, string how);

    [LoggerMessage(2, LogLevel.Information, "Turned away client {ClientId}: ingestion is not subscribed yet")]
    public static partial void NotReady(ILogger logger, string clientId);

    [LoggerMessage(3, LogLevel.Warning, "The embedded MQTT broker raised an error while stopping; shutdown continues")]
    public static partial void StopRaced(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "The embedded MQTT broker could not accept a connection")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "The embedded MQTT broker failed serving a connection")]
    public static partial void ClientFailed(ILogger logger, Exception exception);
}
