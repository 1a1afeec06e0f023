namespace EnvMonitoring.Edge;

internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Gateway {Gateway} of park {Park}: node broker listening on {Host}:{Port} (TLS port {TlsPort}, 0 = off)")]
    public static partial void Listening(ILogger logger, string gateway, string park, string host, int port, int tlsPort);

    [LoggerMessage(2, LogLevel.Warning, "Refused publish from client {ClientId} on {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(3, LogLevel.Information, "Connected to the cloud broker {Host}:{Port}; backlog {BacklogBytes} bytes")]
    public static partial void CloudConnected(ILogger logger, string host, int port, long backlogBytes);

    [LoggerMessage(4, LogLevel.Warning, "Forwarding to the cloud broker {Host}:{Port} stopped ({Reason}); backlog {BacklogBytes} bytes; retrying in {Delay}")]
    public static partial void ForwardingInterrupted(ILogger logger, string host, int port, string reason, long backlogBytes, TimeSpan delay, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Value(s) refused in a sample from {ClientId} on {Topic}: {Reason}")]
    public static partial void PartlyRefused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Refused connection of client {ClientId} (user {Username}) from {Endpoint}: bad or unknown credentials")]
    public static partial void ConnectRefused(ILogger logger, string clientId, string username, string endpoint);

    [LoggerMessage(7, LogLevel.Information, "Sample log at {Directory}: {BacklogBytes} bytes not yet acknowledged by the cloud")]
    public static partial void LogOpened(ILogger logger, string directory, long backlogBytes);

    [LoggerMessage(8, LogLevel.Warning, "The unsent backlog is {BacklogMiB} MiB of its {CapMiB} MiB cap; at the cap new samples are refused")]
    public static partial void BacklogNearCap(ILogger logger, long backlogMiB, long capMiB);

    [LoggerMessage(9, LogLevel.Information, "Replaying {BacklogBytes} bytes of backlog at {Rate} samples/s while live data flows")]
    public static partial void Replaying(ILogger logger, long backlogBytes, int rate);

    [LoggerMessage(10, LogLevel.Warning, "The node broker raised an error while stopping; shutdown continues")]
    public static partial void StopRaced(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Error, "The commit loop of the sample log at {Directory} failed; appends made after that were not flushed")]
    public static partial void CommitLoopFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(12, LogLevel.Information, "Sample log at {Directory} closed after {Commits} commits; {BacklogBytes} bytes not yet acknowledged by the cloud")]
    public static partial void LogClosed(ILogger logger, string directory, long commits, long backlogBytes);

    [LoggerMessage(13, LogLevel.Warning, "Refused connection of client {ClientId} from {Endpoint}: too many failed connects from that address, throttled")]
    public static partial void ConnectThrottled(ILogger logger, string clientId, string endpoint);

    [LoggerMessage(14, LogLevel.Warning, "Refused subscription of client {ClientId} to {Filter}: {Reason}")]
    public static partial void SubscribeRefused(ILogger logger, string clientId, string filter, string reason);

    [LoggerMessage(15, LogLevel.Error, "Refused the cloud broker {Host}:{Port}'s TLS certificate, not connecting: {Reason}. Check Gateway:Cloud:Tls:CaPath and the host name")]
    public static partial void CloudCertificateRefused(ILogger logger, string host, int port, string reason);

    [LoggerMessage(16, LogLevel.Information, "Relayed the cloud's command on {Topic} to the nodes (retained {Retained}): {Payload}")]
    public static partial void CommandRelayed(ILogger logger, string topic, bool retained, string payload);

    [LoggerMessage(17, LogLevel.Warning, "Could not relay the cloud's command on {Topic} to the nodes; a retained command comes again on the next connection to the cloud")]
    public static partial void CommandNotRelayed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Ignored a message from the cloud on {Topic}: not a command to a station of park {Park}")]
    public static partial void ForeignCommand(ILogger logger, string topic, string park);

    [LoggerMessage(19, LogLevel.Error, "The cloud broker refused the gateway's subscription to {Filter} ({Reason}): the park's commands (remote calibration) will not reach the nodes")]
    public static partial void CommandSubscriptionRefused(ILogger logger, string filter, string reason);
}
