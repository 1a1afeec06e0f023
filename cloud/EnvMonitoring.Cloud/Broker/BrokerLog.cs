using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Host}, plaintext port {Port}, TLS port {TlsPort} (0: off); ingestion takes its messages {How}")]
    public static partial void Started(ILogger logger, string host, int port, int tlsPort, string how);

    [LoggerMessage(2, LogLevel.Information, "Turned away client {ClientId}: ingestion is not subscribed yet")]
    public static partial void NotReady(ILogger logger, string clientId);

    [LoggerMessage(3, LogLevel.Warning, "The embedded MQTT broker raised an error while stopping; shutdown continues")]
    public static partial void StopRaced(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "The embedded MQTT broker could not accept a connection")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "The embedded MQTT broker failed serving a connection")]
    public static partial void ClientFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Refused connection of client {ClientId} (user {Username}) from {Endpoint}: {Code}, {Reason}")]
    public static partial void ConnectRefused(ILogger logger, string clientId, string username, string endpoint, MqttConnectReasonCode code, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Refused publish of client {ClientId} on {Topic}: {Code}, {Reason}")]
    public static partial void PublishRefused(ILogger logger, string clientId, string topic, MqttPubAckReasonCode code, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Refused subscription of client {ClientId} to {Filter}: {Code}, {Reason}")]
    public static partial void SubscribeRefused(ILogger logger, string clientId, string filter, MqttSubscribeReasonCode code, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Refused TLS connection from {Endpoint}: {Reason}")]
    public static partial void TlsRefused(ILogger logger, string endpoint, string reason);

    [LoggerMessage(10, LogLevel.Information, "Gateway credentials replaced from the configuration store: {Gateways} gateways, {Disabled} disabled, {Rotating} with a previous password")]
    public static partial void GatewaysReplaced(ILogger logger, int gateways, int disabled, int rotating);

    [LoggerMessage(11, LogLevel.Information, "Closed the session of client {ClientId} ({Identity}): {Reason}; its stored session {Kept}")]
    public static partial void SessionRevoked(ILogger logger, string clientId, string identity, string reason, string kept);

    [LoggerMessage(12, LogLevel.Warning, "Reviewing the broker's sessions against the current credentials failed; the next review retries")]
    public static partial void ReviewFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "The broker is external: gateway credentials from the configuration store ({Gateways} gateways) do not reach it; its own ACL decides who connects")]
    public static partial void ExternalBrokerGateways(ILogger logger, int gateways);

    [LoggerMessage(14, LogLevel.Warning, "The session of park {Park} was still open at stop (not handed over): closed without handing it over")]
    public static partial void ParkSessionLeft(ILogger logger, string park);
}
