using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>Size, depth and rejection-count bounds that keep hostile input cheap.</summary>
public sealed class SampleLimitTests
{
    private const string Head = """{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7.1,"COD":45.3}""";

    private static string Nested(int depth, string open, string leaf, string close) =>
        string.Concat(Enumerable.Repeat(open, depth)) + leaf + string.Concat(Enumerable.Repeat(close, depth));

    [Fact]
    public void Rejects_a_payload_larger_than_the_sample_limit()
    {
        var payload = Head + ",\"pad\":\"" + new string('x', CodecLimits.Default.MaxSampleBytes) + "\"}";

        Expect.Refused(Decode.Sample(payload), RejectionReason.TooLarge, "$");
    }

    [Fact]
    public void Accepts_a_payload_of_exactly_the_sample_limit_and_not_one_byte_more()
    {
        var codec = new SampleCodec(ParameterCatalog.Default, new CodecLimits { MaxSampleBytes = 200 });
        var padding = 200 - (Head.Length + ",\"pad\":\"\"}".Length);
        var payload = Json.Utf8(Head + ",\"pad\":\"" + new string('x', padding) + "\"}");
        Assert.Equal(200, payload.Length);

        Expect.Accepted(codec.DecodeSample(payload));
        Expect.Refused(codec.DecodeSample([.. payload, (byte)' ']), RejectionReason.TooLarge, "$");
    }

    [Theory]
    [InlineData("[", "1", "]")]
    [InlineData("{\"a\":", "1", "}")]
    public void Accepts_nesting_up_to_the_depth_limit_inside_an_unknown_field(string open, string leaf, string close)
    {
        // The sample object itself is the first level.
        var payload = Head + ",\"x\":" + Nested(CodecLimits.Default.MaxDepth - 1, open, leaf, close) + "}";

        var result = Decode.Sample(payload);

        Assert.Empty(result.Rejections);
        Expect.Values(Expect.Accepted(result), ("pH", 7.1), ("COD", 45.3));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(30_000)]
    public void Rejects_nesting_deeper_than_the_limit_inside_an_unknown_field(int depth) =>
        Expect.Refused(Decode.Sample(Head + ",\"x\":" + Nested(depth, "[", "1", "]") + "}"), RejectionReason.TooDeep, "$");

    [Fact]
    public void Rejects_nesting_deeper_than_the_limit_inside_values()
    {
        var payload = """{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"COD":45.3,"pH":""" + Nested(30, "{\"a\":", "7", "}") + "}}";

        var result = Decode.Sample(payload);

        Assert.Null(result.Sample);
        Expect.Rejections(result.Rejections, (RejectionReason.WrongType, "$.values.pH"), (RejectionReason.TooDeep, "$"));
    }

    [Fact]
    public void Lists_at_most_the_configured_number_of_rejections_and_counts_the_rest()
    {
        var codec = new SampleCodec(ParameterCatalog.Default, new CodecLimits { MaxRejections = 3 });
        var unknown = string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"X{i}\":1"));
        var payload = Json.Utf8($$$"""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{{{{unknown}}},"pH":7.1}}""");

        var result = codec.DecodeSample(payload);

        Expect.Values(Expect.Accepted(result), ("pH", 7.1));
        Expect.Rejections(result.Rejections,
            (RejectionReason.UnknownParameter, "$.values"),
            (RejectionReason.UnknownParameter, "$.values"),
            (RejectionReason.UnknownParameter, "$.values"),
            (RejectionReason.TooManyErrors, "$"));
        Assert.Contains("7 further", result.Rejections[3].Detail, StringComparison.Ordinal);
    }
}
