using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>Shorthands for decoding test JSON with the default catalog and limits.</summary>
internal static class Decode
{
    public static SampleDecodeResult Sample(string json, string? expectedStation = null) =>
        SampleCodec.Default.DecodeSample(Json.Utf8(json), expectedStation);

    public static BatchDecodeResult Batch(string json, string? expectedGateway = null) =>
        SampleCodec.Default.DecodeBatch(Json.Utf8(json), expectedGateway);
}
