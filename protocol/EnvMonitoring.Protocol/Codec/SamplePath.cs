namespace EnvMonitoring.Protocol.Codec;

/// <summary>Where a sample sits in its payload; its JSONPath string is built only when something is rejected.</summary>
internal readonly record struct SamplePath(int BatchIndex)
{
    public static SamplePath Root => new(-1);

    public string At(string suffix) => BatchIndex < 0 ? "$" + suffix : $"$.samples[{BatchIndex}]{suffix}";
}
