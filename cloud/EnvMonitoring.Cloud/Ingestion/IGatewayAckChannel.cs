using MQTTnet;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Where ingestion publishes a gateway's application-level ack: over its own MQTT connection
/// (<c>Broker.BrokerSubscriber</c>) or straight into the embedded broker (<see cref="InProcessIngestion"/>).
/// </summary>
internal interface IGatewayAckChannel
{
    /// <summary>Publishes <paramref name="message"/>; throws when it cannot be handed to the broker.</summary>
    Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
