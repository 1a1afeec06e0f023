using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>The measurement time of a sample (<c>ts</c>): a refused time refuses the whole sample.</summary>
public sealed class SampleTimestampDecodingTests
{
    private static SampleDecodeResult DecodeTs(string ts) =>
        Decode.Sample($$$"""{"station":"S1","ts":{{{ts}}},"values":{"pH":7.1,"COD":45.3}}""");

    [Theory]
    [InlineData("\"2026-11-28T13:05:00+07:00\"", 7 * 60)]
    [InlineData("\"2026-11-28T01:35:00-04:30\"", -4 * 60 - 30)]
    [InlineData("\"2026-11-28T06:05:00Z\"", 0)]
    [InlineData("\"2026-11-28T06:05:00+00:00\"", 0)]
    [InlineData("\"2026-11-28T19:50:00+13:45\"", 13 * 60 + 45)]
    public void Keeps_the_instant_and_the_offset_the_station_sent(string ts, int offsetMinutes)
    {
        var sample = Expect.Accepted(DecodeTs(ts));

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), sample.Timestamp.Offset);
    }

    [Fact]
    public void Understands_an_offset_whose_plus_sign_is_escaped()
    {
        // System.Text.Json's default encoder writes a string's '+' as \u002B.
        var result = DecodeTs("\"2026-11-28T13:05:00\\u002B07:00\"");

        Assert.Empty(result.Rejections);
        var sample = Expect.Accepted(result);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7)), sample.Timestamp);
        Assert.Equal(TimeSpan.FromHours(7), sample.Timestamp.Offset);
    }

    [Theory]
    [InlineData("\"2026-11-28T13:05:00\"")]
    [InlineData("\"2026-11-28T13:05:00.250\"")]
    [InlineData("\"2026-11-28t13:05:00\"")]
    public void Rejects_a_timestamp_without_an_offset(string ts) =>
        Expect.Refused(DecodeTs(ts), RejectionReason.TimestampWithoutOffset, "$.ts");

    [Theory]
    [InlineData("\"2026-02-30T13:05:00+07:00\"")]
    [InlineData("\"2027-02-29T13:05:00+07:00\"")]
    [InlineData("\"2026-11-28T24:00:00+07:00\"")]
    [InlineData("\"2026-11-28T13:60:00+07:00\"")]
    [InlineData("\"2026-11-28T13:05:60+07:00\"")]
    [InlineData("\"2026-13-28T13:05:00+07:00\"")]
    [InlineData("\"2026-00-28T13:05:00+07:00\"")]
    [InlineData("\"2026-11-00T13:05:00+07:00\"")]
    [InlineData("\"2026-11-28T13:05:00.1234567890+07:00\"")]
    [InlineData("\"2026-11-28T13:05:00.+07:00\"")]
    [InlineData("\"2026-11-28T13:05:00+15:00\"")]
    [InlineData("\"2026-11-28T13:05:00+14:30\"")]
    [InlineData("\"2026-11-28T13:05:00+07:60\"")]
    [InlineData("\"2026-11-28T13:05:00+0700\"")]
    [InlineData("\"2026-11-28T13:05:00+07\"")]
    [InlineData("\"2026-11-28T13:05:00 +07:00\"")]
    [InlineData("\"2026-11-28T13:05:00+07:00 \"")]
    [InlineData("\"2026-11-28T13:05:00Z+07:00\"")]
    [InlineData("\"2026-11-28 13:05:00+07:00\"")]
    [InlineData("\"2026/11/28T13:05:00+07:00\"")]
    [InlineData("\"2026-11-28T13:05+07:00\"")]
    [InlineData("\"28/11/2026 13:05\"")]
    [InlineData("\"\"")]
    [InlineData("\"now\"")]
    [InlineData("\"1764309900000\"")]
    [InlineData("1.7643099e12")]
    [InlineData("1764309900000.5")]
    [InlineData("99999999999999999999")]
    public void Rejects_a_malformed_timestamp(string ts) =>
        Expect.Refused(DecodeTs(ts), RejectionReason.InvalidTimestamp, "$.ts");

    [Theory]
    [InlineData("\"1999-12-31T23:59:59Z\"")]
    [InlineData("\"2000-01-01T06:59:59+07:00\"")]
    [InlineData("\"2100-01-01T00:00:00Z\"")]
    [InlineData("\"2099-12-31T23:59:59-00:01\"")]
    [InlineData("\"0001-01-01T00:00:00+14:00\"")]
    [InlineData("\"9999-12-31T23:59:59.9999999-14:00\"")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1764309900")]
    [InlineData("4102444800000")]
    public void Rejects_a_timestamp_outside_the_years_2000_to_2099(string ts) =>
        Expect.Refused(DecodeTs(ts), RejectionReason.InvalidTimestamp, "$.ts");

    [Theory]
    [InlineData("\"2000-01-01T00:00:00Z\"")]
    [InlineData("\"2000-01-01T07:00:00+07:00\"")]
    [InlineData("\"2099-12-31T23:59:59.999Z\"")]
    [InlineData("946684800000")]
    [InlineData("4102444799999")]
    public void Accepts_a_timestamp_on_the_edge_of_the_range(string ts) =>
        Expect.Accepted(DecodeTs(ts));

    [Theory]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[\"2026-11-28T13:05:00+07:00\"]")]
    [InlineData("{\"iso\":\"2026-11-28T13:05:00+07:00\"}")]
    public void Rejects_a_timestamp_of_the_wrong_type(string ts) =>
        Expect.Refused(DecodeTs(ts), RejectionReason.WrongType, "$.ts");
}
