using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// What decoding a gateway batch accepted. <see cref="Batch"/> is null only when the batch's
/// header (gateway, number) is unusable or the payload is not JSON; otherwise it holds every
/// sample that was accepted, and <see cref="Rejections"/> names each one that was not.
/// </summary>
public readonly record struct BatchDecodeResult(GatewayBatch? Batch, IReadOnlyList<Rejection> Rejections)
{
    public bool IsAccepted => Batch is not null;
}
