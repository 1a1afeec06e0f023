namespace EnvMonitoring.Edge;

internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Gateway {Gateway} of park {Park}: node broker listening on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, string gateway, string park, string host, int port);

    [LoggerMessage(2, LogLevel.Warning, "Refused publish from client {ClientId} on {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(3, LogLevel.Information, "Connected to the cloud broker {Host}:{Port}")]
    public static partial void CloudConnected(ILogger logger, string host, int port);

    [LoggerMessage(4, LogLevel.Warning, "Cannot reach the cloud broker {Host}:{Port}; {Backlog} samples wait; retrying in {Delay}")]
    public static partial void CloudUnreachable(ILogger logger, string host, int port, int backlog, TimeSpan delay, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Value(s) refused in a sample from {ClientId} on {Topic}: {Reason}")]
    public static partial void PartlyRefused(ILogger logger, string clientId, string topic, string reason);
}
