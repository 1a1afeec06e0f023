using MQTTnet;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Where the cloud publishes its own messages — a gateway's application-level ack, an operator's
/// calibration command — as the cloud: over ingestion's MQTT connection (<c>Broker.BrokerSubscriber</c>,
/// an external broker or <c>Ingestion:InProcess</c> false) or straight into the embedded broker
/// (<see cref="InProcessIngestion"/>, sender <see cref="InProcessIngestion.CloudSenderId"/>).
/// </summary>
internal interface ICloudPublisher
{
    /// <summary>Publishes <paramref name="message"/>; throws when it cannot be handed to the broker.</summary>
    Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
