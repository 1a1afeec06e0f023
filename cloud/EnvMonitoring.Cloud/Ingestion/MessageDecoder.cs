using System.Buffers;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>Turns a received MQTT message into samples and rejections, by its topic.</summary>
/// <remarks>Every decoded sample passes <see cref="SampleAdmission"/> here, so both ways in (interceptor and subscriber) bind content to the topic's park and a plausible time.</remarks>
internal sealed class MessageDecoder(SampleCodec codec, SampleAdmission admission, IOptions<QuarantineOptions> quarantine)
{
    private readonly int _excerptBytes = quarantine.Value.PayloadExcerptBytes;

    /// <summary>Decodes <paramref name="message"/>; <paramref name="delivery"/> is what to acknowledge to the broker once it is stored (none when taken inside the embedded broker).</summary>
    public IngestedMessage Decode(MqttApplicationMessage message, MqttApplicationMessageReceivedEventArgs? delivery)
    {
        var topic = message.Topic;
        if (!Topics.TryParse(topic, out var address) || address.Kind is not (TopicKind.Telemetry or TopicKind.GatewayBatch))
        {
            return new IngestedMessage(delivery, InputEcho.Topic(topic), null, [], [new Rejection(RejectionReason.WrongType, "topic", $"'{InputEcho.Topic(topic)}' is not a telemetry or gateway-batch topic of contract v1.")], null, null, Excerpt(message.Payload), (int)message.Payload.Length);
        }

        var payload = message.Payload;
        var limit = address.Kind == TopicKind.Telemetry ? codec.Limits.MaxSampleBytes : codec.Limits.MaxBatchBytes;
        if (payload.Length > limit)
        {
            return new IngestedMessage(delivery, topic, address.Park, [], [new Rejection(RejectionReason.TooLarge, "$", $"the payload is {payload.Length} bytes; at most {limit} are allowed.")], address.Gateway,
                address.Kind == TopicKind.GatewayBatch ? BatchNumber.Find(payload) : null, Excerpt(payload), (int)payload.Length);
        }

        ReadOnlySpan<byte> bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (address.Kind == TopicKind.Telemetry)
        {
            var sample = codec.DecodeSample(bytes, address.Station);
            var rejections = sample.Rejections;
            var admitted = admission.Admit(address.Park, sample.Sample is { } s ? [s] : [], inBatch: false, ref rejections);
            return new IngestedMessage(delivery, topic, address.Park, admitted, rejections, null, null,
                rejections.Count > 0 ? Excerpt(bytes) : null, bytes.Length);
        }

        var batch = codec.DecodeBatch(bytes, address.Gateway);
        var refused = batch.Rejections;
        // Refused samples go to quarantine and the batch is still acknowledged once its good part is stored.
        var samples = admission.Admit(address.Park, batch.Batch?.Samples ?? Array.Empty<Sample>(), inBatch: true, ref refused);
        // A batch refused whole is acknowledged too, when its number can be read: it is in quarantine (docs/ingestion.md).
        return new IngestedMessage(delivery, topic, address.Park, samples, refused, address.Gateway,
            batch.Batch?.Number ?? BatchNumber.Find(payload),
            refused.Count > 0 ? Excerpt(bytes) : null, bytes.Length);
    }

    private byte[] Excerpt(ReadOnlySpan<byte> payload) => payload[..Math.Min(payload.Length, _excerptBytes)].ToArray();

    private byte[] Excerpt(ReadOnlySequence<byte> payload) => payload.Slice(0, Math.Min(payload.Length, _excerptBytes)).ToArray();
}
