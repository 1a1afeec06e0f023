using EnvMonitoring.Protocol.Topics;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// Who may publish and subscribe to what on the cloud broker (docs/security.md). The one rule
/// for both ways into ingestion: the embedded broker applies it before in-process ingestion sees a
/// message, and before it routes one to the ingestion subscriber. Pure: no I/O.
/// </summary>
internal sealed class TopicAcl(int maxPacketBytes, int maxRetainedBytes)
{
    /// <summary>Null when <paramref name="identity"/> may publish this message, else the refusal.</summary>
    public Refusal<MqttPubAckReasonCode>? AuthorizePublish(BrokerIdentity identity, string topic, bool retain, long payloadBytes)
    {
        if (payloadBytes > maxPacketBytes)
        {
            return new(MqttPubAckReasonCode.QuotaExceeded, $"payload of {payloadBytes} bytes exceeds Broker:MaxPacketBytes ({maxPacketBytes})");
        }

        if (retain && payloadBytes > maxRetainedBytes)
        {
            return new(MqttPubAckReasonCode.QuotaExceeded, $"retained payload of {payloadBytes} bytes exceeds Broker:MaxRetainedBytes ({maxRetainedBytes})");
        }

        if (identity.Role == BrokerRole.Nobody)
        {
            return new(MqttPubAckReasonCode.NotAuthorized, "no authenticated session");
        }

        if (identity.Role is BrokerRole.Cloud or BrokerRole.Anonymous)
        {
            // The cloud's own acks and commands; anonymous only exists on test brokers (Broker:AllowAnonymous).
            return null;
        }

        if (!Topics.TryParse(topic, out var address))
        {
            return new(MqttPubAckReasonCode.TopicNameInvalid, "not a topic of the wire contract (docs/contract.md)");
        }

        var own = identity.Role switch
        {
            BrokerRole.Gateway => address.Park == identity.Park && address.Gateway == identity.Gateway &&
                address.Kind is TopicKind.GatewayBatch or TopicKind.GatewayStatus,
            BrokerRole.Station => address.Park == identity.Park && address.Station == identity.Station &&
                address.Kind is TopicKind.Telemetry or TopicKind.StationStatus,
            // Ingestion's client is the cloud on an external broker (or with Ingestion:InProcess false):
            // it carries the acks and the operators' commands there. Nobody else publishes a command.
            BrokerRole.Ingestion => address.Kind is TopicKind.GatewayAck or TopicKind.CalibrationCommand,
            _ => false,
        };
        if (!own)
        {
            return new(MqttPubAckReasonCode.NotAuthorized, $"{identity} may not publish on {topic}");
        }

        if (retain && address.Kind is not (TopicKind.GatewayStatus or TopicKind.StationStatus or TopicKind.CalibrationCommand))
        {
            return new(MqttPubAckReasonCode.NotAuthorized, "retained messages only on one's own status topic");
        }

        return null;
    }

    /// <summary>Null when <paramref name="identity"/> may subscribe to <paramref name="filter"/>, else the refusal.</summary>
    public static Refusal<MqttSubscribeReasonCode>? AuthorizeSubscribe(BrokerIdentity identity, string filter)
    {
        var allowed = identity.Role switch
        {
            BrokerRole.Anonymous => true,
            BrokerRole.Ingestion => WithoutShare(filter) is Topics.AllTelemetry or Topics.AllGatewayBatches,
            // A gateway relays its park's commands to its nodes: all of them, or one station's.
            BrokerRole.Gateway => filter == Topics.GatewayAck(identity.Park!, identity.Gateway!) ||
                filter == Topics.ParkCommands(identity.Park!) ||
                (Topics.TryParse(filter, out var command) && command.Kind == TopicKind.CalibrationCommand && command.Park == identity.Park),
            BrokerRole.Station => filter == Topics.CalibrationCommand(identity.Park!, identity.Station!),
            _ => false,
        };
        return allowed ? null : new(MqttSubscribeReasonCode.NotAuthorized, $"{identity} may not subscribe to {filter}");
    }

    /// <summary><c>$share/{group}/{filter}</c> → <c>{filter}</c> (MQTT 5 shared subscriptions of ingestion).</summary>
    private static string WithoutShare(string filter)
    {
        if (!filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            return filter;
        }

        var slash = filter.IndexOf('/', "$share/".Length);
        return slash < 0 ? "" : filter[(slash + 1)..];
    }
}

