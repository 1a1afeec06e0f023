using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>Assertions on decode results that name the exact reason and path of each rejection.</summary>
internal static class Expect
{
    /// <summary>The result lists exactly this one rejection.</summary>
    public static void OnlyRejection(IReadOnlyList<Rejection> rejections, RejectionReason reason, string path)
    {
        var rejection = Assert.Single(rejections);
        Assert.Equal((reason, path), (rejection.Reason, rejection.Path));
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
    }

    /// <summary>The result lists exactly these rejections, in this order.</summary>
    public static void Rejections(IReadOnlyList<Rejection> rejections, params (RejectionReason Reason, string Path)[] expected) =>
        Assert.Equal(expected, rejections.Select(r => (r.Reason, r.Path)));

    /// <summary>The sample was refused whole, for exactly this one reason.</summary>
    public static void Refused(SampleDecodeResult result, RejectionReason reason, string path)
    {
        Assert.Null(result.Sample);
        Assert.False(result.IsAccepted);
        OnlyRejection(result.Rejections, reason, path);
    }

    /// <summary>The batch was refused whole, for exactly this one reason.</summary>
    public static void Refused(BatchDecodeResult result, RejectionReason reason, string path)
    {
        Assert.Null(result.Batch);
        Assert.False(result.IsAccepted);
        OnlyRejection(result.Rejections, reason, path);
    }

    public static Sample Accepted(SampleDecodeResult result)
    {
        Assert.True(result.IsAccepted, "the sample was refused: " + string.Join("; ", result.Rejections));
        return result.Sample!;
    }

    public static GatewayBatch Accepted(BatchDecodeResult result)
    {
        Assert.True(result.IsAccepted, "the batch was refused: " + string.Join("; ", result.Rejections));
        return result.Batch!;
    }

    /// <summary>The sample holds exactly these readings (code, value, status), in catalog order.</summary>
    public static void Readings(Sample sample, params (string Code, double Value, DeviceStatus Status)[] expected) =>
        Assert.Equal(expected, sample.Readings.Select(r => (r.Parameter.Code, r.Value, r.Status)));

    /// <summary>The sample holds exactly these measuring readings (code, value), in catalog order.</summary>
    public static void Values(Sample sample, params (string Code, double Value)[] expected) =>
        Readings(sample, expected.Select(e => (e.Code, e.Value, DeviceStatus.Measuring)).ToArray());
}
