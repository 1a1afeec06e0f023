using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>A sample payload as a whole: its JSON, its fields, its station. Values, statuses,
/// timestamps and size limits have their own test classes.</summary>
public sealed class SampleDecodingTests
{
    private const string Station = "YB-WWTP-01";

    private const string ValidSample = """
        { "station": "YB-WWTP-01", "seq": 1042, "ts": "2026-11-28T13:05:00+07:00",
          "values": { "pH": 7.12, "COD": 45.3, "TSS": 12.1, "NH4": 2.3, "Temp": 29.5, "FlowOut": 120.4 },
          "status": { "COD": 1 } }
        """;

    [Fact]
    public void Accepts_the_contract_example_with_every_field_exactly_as_sent()
    {
        var result = Decode.Sample(ValidSample, expectedStation: Station);

        Assert.Empty(result.Rejections);
        var sample = Expect.Accepted(result);
        Assert.Equal(Station, sample.Station);
        Assert.Equal(1042, sample.Seq);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7)), sample.Timestamp);
        Assert.Equal(TimeSpan.FromHours(7), sample.Timestamp.Offset);
        Assert.Equal(new DateTime(2026, 11, 28, 13, 5, 0), sample.Timestamp.DateTime);
        Expect.Readings(sample,
            ("pH", 7.12, DeviceStatus.Measuring),
            ("Temp", 29.5, DeviceStatus.Measuring),
            ("COD", 45.3, DeviceStatus.Calibrating),
            ("TSS", 12.1, DeviceStatus.Measuring),
            ("NH4", 2.3, DeviceStatus.Measuring),
            ("FlowOut", 120.4, DeviceStatus.Measuring));
    }

    [Fact]
    public void Accepts_a_sample_without_seq_or_status()
    {
        var sample = Expect.Accepted(Decode.Sample("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"O2":6.5}}"""));

        Assert.Null(sample.Seq);
        Expect.Values(sample, ("O2", 6.5));
    }

    [Fact]
    public void Accepts_epoch_milliseconds_as_the_measurement_time()
    {
        var instant = new DateTimeOffset(2026, 11, 28, 6, 5, 0, 250, TimeSpan.Zero);

        var sample = Expect.Accepted(Decode.Sample($$$"""{"station":"S1","ts":{{{instant.ToUnixTimeMilliseconds()}}},"values":{"pH":7}}"""));

        Assert.Equal(instant, sample.Timestamp);
        Assert.Equal(TimeSpan.Zero, sample.Timestamp.Offset);
    }

    [Theory]
    [InlineData("station=YB-WWTP-01;pH=7.12")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{'station':'S1'}")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7,}}""")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7}} // sent by node 4""")]
    public void Rejects_a_payload_that_is_not_json(string payload) =>
        Expect.Refused(Decode.Sample(payload), RejectionReason.NotJson, "$");

    [Fact]
    public void Rejects_a_station_that_is_not_utf8()
    {
        byte[] payload = [.. Json.Utf8("""{"ts":"2026-11-28T06:05:00Z","values":{"pH":7},"station":"""), 0x22, 0x53, 0xC3, 0x28, 0x22, 0x7D];

        Expect.Refused(SampleCodec.Default.DecodeSample(payload), RejectionReason.NotJson, "$");
    }

    [Fact]
    public void Rejects_every_truncation_of_a_valid_sample()
    {
        for (var length = 0; length < ValidSample.TrimEnd().Length; length++)
        {
            var result = Decode.Sample(ValidSample[..length], Station);

            Assert.True(result.Sample is null, $"the first {length} characters were accepted");
            Expect.OnlyRejection(result.Rejections, RejectionReason.NotJson, "$");
        }
    }

    [Theory]
    [InlineData("x")]
    [InlineData("}")]
    [InlineData(",")]
    [InlineData("{}")]
    [InlineData(ValidSample)]
    public void Rejects_trailing_content_after_the_sample(string trailing) =>
        Expect.Refused(Decode.Sample(ValidSample + trailing, Station), RejectionReason.NotJson, "$");

    [Fact]
    public void Accepts_trailing_white_space() =>
        Expect.Accepted(Decode.Sample(ValidSample + " \r\n\t", Station));

    [Theory]
    [InlineData("[" + ValidSample + "]")]
    [InlineData("42")]
    [InlineData("\"YB-WWTP-01\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Rejects_a_root_that_is_not_an_object(string payload) =>
        Expect.Refused(Decode.Sample(payload), RejectionReason.WrongType, "$");

    [Fact]
    public void Tolerates_a_utf8_byte_order_mark()
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Json.Utf8(ValidSample)];

        var result = SampleCodec.Default.DecodeSample(payload, Station);

        Assert.Empty(result.Rejections);
        Assert.Equal(6, Expect.Accepted(result).Readings.Count);
    }

    [Fact]
    public void Ignores_unknown_top_level_fields()
    {
        var result = Decode.Sample("""
            {"fw":"1.2.0","station":"S1","extra":{"nested":[1,{"a":null}],"values":"not ours"},
             "ts":"2026-11-28T06:05:00Z","values":{"pH":7},"Station":42}
            """);

        Assert.Empty(result.Rejections);
        Expect.Values(Expect.Accepted(result), ("pH", 7));
    }

    [Fact]
    public void Understands_escaped_field_names_and_parameter_codes()
    {
        var result = Decode.Sample("""
            {"st\u0061tion":"S1","\u0074s":"2026-11-28T06:05:00Z","values":{"C\u004FD":45.3,"p\u0048":7},"st\u0061tus":{"\u0043OD":2}}
            """);

        Assert.Empty(result.Rejections);
        Expect.Readings(Expect.Accepted(result), ("pH", 7, DeviceStatus.Measuring), ("COD", 45.3, DeviceStatus.Fault));
    }

    [Fact]
    public void Rejects_sample_whose_station_differs_from_topic() =>
        Expect.Refused(Decode.Sample(ValidSample, expectedStation: "YB-WWTP-02"), RejectionReason.StationMismatch, "$.station");

    [Fact]
    public void Compares_the_station_with_the_topic_case_sensitively() =>
        Expect.Refused(Decode.Sample(ValidSample, expectedStation: "yb-wwtp-01"), RejectionReason.StationMismatch, "$.station");

    [Fact]
    public void Accepts_any_valid_station_when_the_topic_names_none() =>
        Assert.Equal(Station, Expect.Accepted(Decode.Sample(ValidSample, expectedStation: null)).Station);

    [Theory]
    [InlineData("YB,01")]
    [InlineData("YB=01")]
    [InlineData("YB 01")]
    [InlineData("YB\"01")]
    [InlineData("YB\\01")]
    [InlineData("YB\n01")]
    [InlineData("YB/01")]
    [InlineData("YB+")]
    [InlineData("_gw")]
    [InlineData("-YB")]
    [InlineData(".YB")]
    [InlineData("")]
    [InlineData("Trạm-01")]
    public void Rejects_sample_with_invalid_station_identifier(string station)
    {
        var payload = $$$"""{"station":{{{Json.Quote(station)}}},"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""";

        Expect.Refused(Decode.Sample(payload), RejectionReason.InvalidIdentifier, "$.station");
        Expect.Refused(Decode.Sample(payload, expectedStation: "S1"), RejectionReason.InvalidIdentifier, "$.station");
    }

    [Fact]
    public void Accepts_a_station_identifier_of_64_characters_but_not_65()
    {
        var longest = "S" + new string('9', 63);
        var tooLong = longest + "9";

        var sample = Expect.Accepted(Decode.Sample($$$"""{"station":"{{{longest}}}","ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""", longest));
        Assert.Equal(longest, sample.Station);
        Expect.Refused(Decode.Sample($$$"""{"station":"{{{tooLong}}}","ts":"2026-11-28T06:05:00Z","values":{"pH":7}}"""),
            RejectionReason.InvalidIdentifier, "$.station");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[\"S1\"]")]
    [InlineData("{\"id\":\"S1\"}")]
    public void Rejects_sample_whose_station_is_not_a_string(string station) =>
        Expect.Refused(Decode.Sample($$$"""{"station":{{{station}}},"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}"""),
            RejectionReason.WrongType, "$.station");

    [Theory]
    [InlineData("""{"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""", "$.station")]
    [InlineData("""{"station":"S1","values":{"pH":7}}""", "$.ts")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z"}""", "$.values")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","status":{"pH":1}}""", "$.values")]
    [InlineData("{}", "$.station")]
    public void Rejects_sample_missing_a_required_field(string payload, string path) =>
        Expect.Refused(Decode.Sample(payload), RejectionReason.MissingField, path);

    [Theory]
    [InlineData("[7.1]")]
    [InlineData("7.1")]
    [InlineData("\"pH=7.1\"")]
    [InlineData("null")]
    public void Rejects_sample_whose_values_is_not_an_object(string values) =>
        Expect.Refused(Decode.Sample($$$"""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{{{values}}}}"""),
            RejectionReason.WrongType, "$.values");

    [Theory]
    [InlineData("\"1042\"")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("[1042]")]
    [InlineData("{\"n\":1042}")]
    [InlineData("99999999999999999999")]
    public void Drops_an_invalid_seq_but_keeps_the_sample(string seq)
    {
        var result = Decode.Sample($$$"""{"station":"S1","seq":{{{seq}}},"ts":"2026-11-28T06:05:00Z","values":{"pH":7,"COD":45}}""");

        var sample = Expect.Accepted(result);
        Assert.Null(sample.Seq);
        Expect.Values(sample, ("pH", 7), ("COD", 45));
        Expect.OnlyRejection(result.Rejections, RejectionReason.InvalidSequence, "$.seq");
    }

    [Fact]
    public void Accepts_seq_zero_and_the_largest_integer()
    {
        Assert.Equal(0, Expect.Accepted(Decode.Sample("""{"station":"S1","seq":0,"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""")).Seq);
        Assert.Equal(long.MaxValue,
            Expect.Accepted(Decode.Sample($$$"""{"station":"S1","seq":{{{long.MaxValue}}},"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""")).Seq);
    }

    [Theory]
    [InlineData("""{"station":"S1","station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7},"station":"S2"}""")]
    [InlineData("""{"station":"S1","seq":1,"seq":2,"ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","ts":"2026-11-28T07:05:00Z","values":{"pH":7}}""")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7},"values":{"COD":45}}""")]
    [InlineData("""{"station":"S1","ts":"2026-11-28T06:05:00Z","values":{"pH":7},"status":{"pH":0},"status":{"pH":2}}""")]
    [InlineData("""{"station":"S1","st\u0061tion":"S2","ts":"2026-11-28T06:05:00Z","values":{"pH":7}}""")]
    public void Rejects_the_whole_sample_when_a_top_level_field_appears_twice(string payload) =>
        Expect.Refused(Decode.Sample(payload), RejectionReason.DuplicateKey, "$");
}
