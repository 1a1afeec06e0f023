namespace EnvMonitoring.Cloud.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Host}:{Port}")]
    public static partial void Started(ILogger logger, string host, int port);
}
