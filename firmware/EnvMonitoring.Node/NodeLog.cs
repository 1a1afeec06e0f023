namespace EnvMonitoring.Node;

internal static partial class NodeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Station {Station}: gateway {Host}:{Port} unreachable; retrying in {Delay}")]
    public static partial void GatewayUnreachable(ILogger logger, string station, string host, int port, TimeSpan delay, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Station {Station}: the gateway refused a sample ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string station, string code, string reason);
}
