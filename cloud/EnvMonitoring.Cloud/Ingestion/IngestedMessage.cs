using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using MQTTnet;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// One MQTT message, decoded, waiting for its batch to be written. It is acknowledged to the broker
/// (and, for a gateway batch, to the gateway) only after InfluxDB stored its samples. A message
/// taken inside the embedded broker (<see cref="InProcessIngestion"/>) has no <see cref="Delivery"/>.
/// <see cref="RejectedPayload"/> holds the start of the payload when anything in it was refused,
/// <see cref="PayloadBytes"/> the whole payload's size.
/// </summary>
internal sealed record IngestedMessage(
    MqttApplicationMessageReceivedEventArgs? Delivery,
    string Topic,
    string? Park,
    IReadOnlyList<Sample> Samples,
    IReadOnlyList<Rejection> Rejections,
    string? Gateway,
    long? BatchNumber,
    byte[]? RejectedPayload = null,
    int PayloadBytes = 0);
