using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>The one way ingestion words a whole sample's refusal: where it sits in its payload and which sample it is.</summary>
internal static class SampleRejections
{
    /// <param name="sample">The refused sample.</param>
    /// <param name="inBatch">Whether it came in a gateway batch (<c>$.samples[?(@.station=='S')]</c>) or alone (<c>$</c>).</param>
    /// <param name="reason">The contract's reason.</param>
    /// <param name="field">The field the reason is about, e.g. <c>.ts</c>.</param>
    /// <param name="why">What is wrong, after "the sample of S measured at T: ".</param>
    public static Rejection For(Sample sample, bool inBatch, RejectionReason reason, string field, string why) =>
        new(reason, Path(sample, inBatch) + field, $"{Describe(sample)}: {why}");

    /// <summary>The sample's JSONPath in its payload.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="inBatch">Whether it came in a gateway batch.</param>
    public static string Path(Sample sample, bool inBatch) => inBatch ? $"$.samples[?(@.station=='{sample.Station}')]" : "$";

    /// <summary>"the sample of S measured at T (seq N)".</summary>
    /// <param name="sample">The sample.</param>
    public static string Describe(Sample sample) =>
        $"the sample of {sample.Station} measured at {sample.Timestamp:O}{(sample.Seq is { } seq ? $" (seq {seq})" : "")}";
}
