using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>Gateway batches: a bad header refuses the batch; a bad sample refuses only itself.</summary>
public sealed class BatchDecodingTests
{
    private const string Gateway = "KCN-YB-GW1";

    private static string SampleJson(string station, string values = """{"pH":7.1}""") =>
        $$$"""{"station":"{{{station}}}","ts":"2026-11-28T13:05:00+07:00","values":{{{values}}}}""";

    private static string BatchJson(params string[] samples) =>
        $$$"""{"gateway":"{{{Gateway}}}","batch":1234,"samples":[{{{string.Join(",", samples)}}}]}""";

    [Fact]
    public void Accepts_a_batch_with_several_samples_in_order()
    {
        var result = Decode.Batch($$$"""
            {"gateway":"KCN-YB-GW1","batch":1234,"samples":[
              {"station":"YB-WWTP-01","seq":7,"ts":"2026-11-28T13:05:00+07:00","values":{"pH":7.12,"COD":45.3},"status":{"COD":1}},
              {"station":"YB-WWTP-02","ts":1764309900000,"values":{"TSS":12.1}},
              {"station":"YB-STACK-01","ts":"2026-11-28T06:05:00Z","values":{"SO2":180.5,"O2":6.2}}]}
            """, expectedGateway: Gateway);

        Assert.Empty(result.Rejections);
        var batch = Expect.Accepted(result);
        Assert.Equal(Gateway, batch.Gateway);
        Assert.Equal(1234, batch.Number);
        Assert.Equal(["YB-WWTP-01", "YB-WWTP-02", "YB-STACK-01"], batch.Samples.Select(s => s.Station));
        Assert.Equal(7, batch.Samples[0].Seq);
        Expect.Readings(batch.Samples[0], ("pH", 7.12, DeviceStatus.Measuring), ("COD", 45.3, DeviceStatus.Calibrating));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764309900000), batch.Samples[1].Timestamp);
        Expect.Values(batch.Samples[2], ("SO2", 180.5), ("O2", 6.2));
    }

    [Fact]
    public void Accepts_fields_in_any_order_and_ignores_unknown_ones()
    {
        var result = Decode.Batch($$$"""{"samples":[{{{SampleJson("S1")}}}],"compressed":false,"batch":0,"gateway":"{{{Gateway}}}"}""");

        Assert.Empty(result.Rejections);
        Assert.Equal(0, Expect.Accepted(result).Number);
    }

    [Fact]
    public void Accepts_an_empty_batch() =>
        Assert.Empty(Expect.Accepted(Decode.Batch(BatchJson())).Samples);

    [Fact]
    public void Rejects_batch_whose_gateway_differs_from_topic() =>
        Expect.Refused(Decode.Batch(BatchJson(SampleJson("S1")), expectedGateway: "KCN-YB-GW2"), RejectionReason.GatewayMismatch, "$.gateway");

    [Fact]
    public void Rejects_batch_without_a_gateway() =>
        Expect.Refused(Decode.Batch($$$"""{"batch":1,"samples":[{{{SampleJson("S1")}}}]}"""), RejectionReason.MissingField, "$.gateway");

    [Theory]
    [InlineData("\"_gw\"")]
    [InlineData("\"GW 1\"")]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Rejects_batch_with_an_invalid_gateway(string gateway) =>
        Expect.Refused(Decode.Batch($$$"""{"gateway":{{{gateway}}},"batch":1,"samples":[{{{SampleJson("S1")}}}]}"""),
            RejectionReason.InvalidIdentifier, "$.gateway");

    [Fact]
    public void Rejects_batch_without_a_number() =>
        Expect.Refused(Decode.Batch($$$"""{"gateway":"{{{Gateway}}}","samples":[{{{SampleJson("S1")}}}]}"""), RejectionReason.MissingField, "$.batch");

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1234\"")]
    [InlineData("null")]
    [InlineData("99999999999999999999")]
    public void Rejects_batch_with_a_negative_or_non_integer_number(string number) =>
        Expect.Refused(Decode.Batch($$$"""{"gateway":"{{{Gateway}}}","batch":{{{number}}},"samples":[{{{SampleJson("S1")}}}]}"""),
            RejectionReason.InvalidSequence, "$.batch");

    [Fact]
    public void Rejects_batch_without_samples() =>
        Expect.Refused(Decode.Batch($$$"""{"gateway":"{{{Gateway}}}","batch":1}"""), RejectionReason.MissingField, "$.samples");

    [Fact]
    public void Keeps_the_other_samples_when_one_in_the_middle_is_refused()
    {
        var result = Decode.Batch(BatchJson(SampleJson("S1"), SampleJson("S 2"), SampleJson("S3")));

        Assert.Equal(["S1", "S3"], Expect.Accepted(result).Samples.Select(s => s.Station));
        Expect.OnlyRejection(result.Rejections, RejectionReason.InvalidIdentifier, "$.samples[1].station");
    }

    [Fact]
    public void Keeps_the_good_values_of_a_sample_with_one_bad_value()
    {
        var result = Decode.Batch(BatchJson(SampleJson("S1"), SampleJson("S2", """{"pH":15,"COD":45.3}"""), SampleJson("S3")));

        var batch = Expect.Accepted(result);
        Assert.Equal(["S1", "S2", "S3"], batch.Samples.Select(s => s.Station));
        Expect.Values(batch.Samples[1], ("COD", 45.3));
        Expect.OnlyRejection(result.Rejections, RejectionReason.OutOfRange, "$.samples[1].values.pH");
    }

    [Fact]
    public void Names_each_refused_sample_by_its_index()
    {
        var result = Decode.Batch(BatchJson(
            """{"station":"S0","values":{"pH":7}}""",
            SampleJson("S1"),
            """{"station":"S2","ts":"2026-11-28T13:05:00","values":{"pH":7}}""",
            """{"station":"S3","ts":"2026-11-28T13:05:00Z","values":{"pH":7},"values":{"pH":7}}"""));

        Assert.Equal(["S1"], Expect.Accepted(result).Samples.Select(s => s.Station));
        Expect.Rejections(result.Rejections,
            (RejectionReason.MissingField, "$.samples[0].ts"),
            (RejectionReason.TimestampWithoutOffset, "$.samples[2].ts"),
            (RejectionReason.DuplicateKey, "$.samples[3]"));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"S2\"")]
    [InlineData("null")]
    [InlineData("[{\"station\":\"S2\"}]")]
    public void Refuses_an_element_that_is_not_an_object_and_keeps_the_others(string element)
    {
        var result = Decode.Batch(BatchJson(SampleJson("S1"), element, SampleJson("S3")));

        Assert.Equal(["S1", "S3"], Expect.Accepted(result).Samples.Select(s => s.Station));
        Expect.OnlyRejection(result.Rejections, RejectionReason.WrongType, "$.samples[1]");
    }

    [Fact]
    public void Rejects_batch_with_more_samples_than_allowed()
    {
        var codec = new SampleCodec(ParameterCatalog.Default, new CodecLimits { MaxBatchSamples = 2 });

        Expect.Accepted(codec.DecodeBatch(Json.Utf8(BatchJson(SampleJson("S1"), SampleJson("S2")))));
        Expect.Refused(codec.DecodeBatch(Json.Utf8(BatchJson(SampleJson("S1"), SampleJson("S2"), SampleJson("S3")))),
            RejectionReason.TooManySamples, "$.samples");
    }

    [Theory]
    [InlineData("""{"gateway":"KCN-YB-GW1","batch":1,"samples":[],"samples":[]}""")]
    [InlineData("""{"gateway":"KCN-YB-GW1","batch":1,"samples":[{"station":"S1","ts":"2026-11-28T13:05:00Z","values":{"pH":7}}],"samples":[]}""")]
    [InlineData("""{"gateway":"KCN-YB-GW1","gateway":"KCN-YB-GW2","batch":1,"samples":[]}""")]
    [InlineData("""{"gateway":"KCN-YB-GW1","batch":1,"batch":2,"samples":[]}""")]
    [InlineData("""{"gateway":"KCN-YB-GW1","batch":1,"s\u0061mples":[],"samples":[]}""")]
    public void Rejects_batch_with_a_field_given_twice(string payload) =>
        Expect.Refused(Decode.Batch(payload), RejectionReason.DuplicateKey, "$");

    [Fact]
    public void Rejects_a_batch_larger_than_the_batch_limit()
    {
        var codec = new SampleCodec(ParameterCatalog.Default, new CodecLimits { MaxBatchBytes = 300 });
        var payload = Json.Utf8(BatchJson(Enumerable.Repeat(SampleJson("S1"), 5).ToArray()));
        Assert.True(payload.Length > 300);

        Expect.Refused(codec.DecodeBatch(payload), RejectionReason.TooLarge, "$");
    }

    [Fact]
    public void Reads_samples_without_the_single_sample_size_limit()
    {
        var samples = Enumerable.Range(0, 1000).Select(i => SampleJson("S" + i)).ToArray();
        var payload = Json.Utf8(BatchJson(samples));
        Assert.True(payload.Length > CodecLimits.Default.MaxSampleBytes);

        Assert.Equal(1000, Expect.Accepted(SampleCodec.Default.DecodeBatch(payload)).Samples.Count);
    }

    [Theory]
    [InlineData("", RejectionReason.NotJson)]
    [InlineData("{\"gateway\":\"KCN-YB-GW1\",\"batch\":1,\"samples\":[", RejectionReason.NotJson)]
    [InlineData("{\"gateway\":\"KCN-YB-GW1\",\"batch\":1,\"samples\":[]} x", RejectionReason.NotJson)]
    [InlineData("[]", RejectionReason.WrongType)]
    [InlineData("1234", RejectionReason.WrongType)]
    public void Rejects_a_batch_that_is_not_a_json_object(string payload, RejectionReason reason) =>
        Expect.Refused(Decode.Batch(payload), reason, "$");

    [Fact]
    public void Rejects_a_batch_nested_deeper_than_the_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 20)) + string.Concat(Enumerable.Repeat("]", 20));

        Expect.Refused(Decode.Batch($$$"""{"gateway":"KCN-YB-GW1","batch":1,"samples":[],"x":{{{deep}}}}"""), RejectionReason.TooDeep, "$");
    }
}
