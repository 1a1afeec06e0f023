using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>What decoding one sample payload accepted, and why anything was refused.</summary>
public readonly record struct SampleDecodeResult(Sample? Sample, IReadOnlyList<Rejection> Rejections)
{
    public bool IsAccepted => Sample is not null;
}
