namespace EnvMonitoring.Protocol.Codec;

/// <summary>Bounds that keep hostile or broken input from costing memory or time.</summary>
public sealed record CodecLimits
{
    public static CodecLimits Default { get; } = new();

    /// <summary>Largest single-sample payload.</summary>
    public int MaxSampleBytes { get; init; } = 64 * 1024;

    /// <summary>Largest gateway-batch payload.</summary>
    public int MaxBatchBytes { get; init; } = 8 * 1024 * 1024;

    public int MaxBatchSamples { get; init; } = 10_000;

    /// <summary>Deepest nesting of objects and arrays; a sample needs 2, a batch 4.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Rejections listed per payload; the rest are counted in one <see cref="RejectionReason.TooManyErrors"/>.</summary>
    public int MaxRejections { get; init; } = 100;
}
