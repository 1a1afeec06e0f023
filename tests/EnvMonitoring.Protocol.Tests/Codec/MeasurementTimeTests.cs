using System.Text;
using static EnvMonitoring.Protocol.Codec.MeasurementTime;

namespace EnvMonitoring.Protocol.Tests.Codec;

/// <summary>The RFC 3339 and epoch-millisecond parser behind <c>ts</c>.</summary>
public sealed class MeasurementTimeTests
{
    private static ParseResult Parse(string text, out DateTimeOffset value) => TryParseRfc3339(Encoding.UTF8.GetBytes(text), out value);

    private static DateTimeOffset ParseOk(string text)
    {
        Assert.Equal(ParseResult.Ok, Parse(text, out var value));
        return value;
    }

    [Theory]
    [InlineData("2026-11-28T06:05:00Z")]
    [InlineData("2026-11-28T06:05:00z")]
    [InlineData("2026-11-28t06:05:00Z")]
    [InlineData("2026-11-28T06:05:00+00:00")]
    [InlineData("2026-11-28T06:05:00-00:00")]
    public void Reads_utc_in_every_spelling(string text)
    {
        var value = ParseOk(text);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("1", 1_000_000)]
    [InlineData("12", 1_200_000)]
    [InlineData("123", 1_230_000)]
    [InlineData("1234", 1_234_000)]
    [InlineData("12345", 1_234_500)]
    [InlineData("123456", 1_234_560)]
    [InlineData("1234567", 1_234_567)]
    [InlineData("12345678", 1_234_567)]
    [InlineData("123456789", 1_234_567)]
    [InlineData("000000001", 0)]
    [InlineData("999999999", 9_999_999)]
    [InlineData("05", 500_000)]
    public void Reads_fractional_seconds_of_one_to_nine_digits(string fraction, long ticks)
    {
        var value = ParseOk($"2026-11-28T13:05:00.{fraction}+07:00");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 13, 5, 0, TimeSpan.FromHours(7)).AddTicks(ticks), value);
        Assert.Equal(TimeSpan.FromHours(7), value.Offset);
    }

    [Theory]
    [InlineData("2026-11-28T13:05:00.1234567890+07:00")]
    [InlineData("2026-11-28T13:05:00.+07:00")]
    [InlineData("2026-11-28T13:05:00.Z")]
    [InlineData("2026-11-28T13:05:00,5Z")]
    [InlineData("2026-11-28T13:05:00.5.5Z")]
    public void Rejects_a_malformed_fraction(string text) =>
        Assert.Equal(ParseResult.Invalid, Parse(text, out _));

    [Theory]
    [InlineData("2026-11-28T01:35:00-04:30", -4 * 60 - 30)]
    [InlineData("2026-11-27T18:05:00-12:00", -12 * 60)]
    [InlineData("2026-11-27T16:05:00-14:00", -14 * 60)]
    [InlineData("2026-11-28T20:05:00+14:00", 14 * 60)]
    [InlineData("2026-11-28T11:50:00+05:45", 5 * 60 + 45)]
    public void Keeps_the_offset_and_computes_the_instant(string text, int offsetMinutes)
    {
        var value = ParseOk(text);

        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2028-02-29T12:00:00Z")]
    [InlineData("2000-02-29T12:00:00Z")]
    [InlineData("2024-02-29T12:00:00+07:00")]
    public void Accepts_the_leap_day_of_a_leap_year(string text) =>
        Assert.Equal(29, ParseOk(text).Day);

    [Theory]
    [InlineData("2027-02-29T12:00:00Z")]
    [InlineData("2026-02-29T12:00:00Z")]
    [InlineData("2026-02-30T12:00:00Z")]
    [InlineData("2026-04-31T12:00:00Z")]
    [InlineData("2026-11-31T12:00:00Z")]
    public void Rejects_a_day_the_month_does_not_have(string text) =>
        Assert.Equal(ParseResult.Invalid, Parse(text, out _));

    [Theory]
    [InlineData("2026-11-28T24:00:00Z")]
    [InlineData("2026-11-28T13:60:00Z")]
    [InlineData("2026-11-28T13:05:60Z")]
    [InlineData("2026-13-28T13:05:00Z")]
    [InlineData("2026-00-28T13:05:00Z")]
    [InlineData("2026-11-00T13:05:00Z")]
    [InlineData("2026-11-28T13:05:00+15:00")]
    [InlineData("2026-11-28T13:05:00+14:01")]
    [InlineData("2026-11-28T13:05:00-14:30")]
    [InlineData("2026-11-28T13:05:00+07:60")]
    [InlineData("2026-11-28T13:05:00+7:00")]
    [InlineData("2026-11-28T13:05:00+07:0")]
    [InlineData("2026-11-28T13:05:00+0700")]
    [InlineData("2026-11-28T13:05:00+07:00:00")]
    [InlineData("2026-11-28T13:05:00+07-00")]
    [InlineData("2026-11-28T13:05:00ZZ")]
    [InlineData("2026-11-28T13:05:00 Z")]
    [InlineData("2026-11-28T13:05:00UTC")]
    [InlineData("2026-11-28 13:05:00Z")]
    [InlineData("2026-11-28_13:05:00Z")]
    [InlineData("2026-11-28T13-05-00Z")]
    [InlineData("2026/11/28T13:05:00Z")]
    [InlineData("26-11-28T13:05:00Z")]
    [InlineData("+2026-11-28T13:05:00Z")]
    [InlineData("2026-1-28T13:05:00Z")]
    [InlineData("2026-11-28T1:05:00Z")]
    [InlineData("2026-11-28T13:05Z")]
    [InlineData("2026-11-28")]
    [InlineData("")]
    [InlineData("２０２６-11-28T13:05:00Z")]
    [InlineData("2026-11-28T13:05:00.000000000000000000000Z")]
    public void Rejects_malformed_text(string text) =>
        Assert.Equal(ParseResult.Invalid, Parse(text, out _));

    [Theory]
    [InlineData("2026-11-28T13:05:00")]
    [InlineData("2026-11-28T13:05:00.5")]
    [InlineData("2026-11-28T13:05:00.123456789")]
    public void Reports_a_missing_offset_apart_from_malformed_text(string text) =>
        Assert.Equal(ParseResult.MissingOffset, Parse(text, out _));

    [Theory]
    [InlineData("2000-01-01T00:00:00Z", ParseResult.Ok)]
    [InlineData("1999-12-31T23:59:59.9999999Z", ParseResult.OutOfRange)]
    [InlineData("2000-01-01T06:59:59+07:00", ParseResult.OutOfRange)]
    [InlineData("1999-12-31T20:00:00-04:00", ParseResult.Ok)]
    [InlineData("2099-12-31T23:59:59.999Z", ParseResult.Ok)]
    [InlineData("2099-12-31T23:59:59.9991Z", ParseResult.OutOfRange)]
    [InlineData("2100-01-01T06:00:00+07:00", ParseResult.Ok)]
    [InlineData("2099-12-31T23:00:00-01:00", ParseResult.OutOfRange)]
    [InlineData("0000-01-01T00:00:00Z", ParseResult.Invalid)]
    [InlineData("0001-01-01T00:00:00+14:00", ParseResult.OutOfRange)]
    [InlineData("9999-12-31T23:59:59.999999999-14:00", ParseResult.OutOfRange)]
    public void Accepts_instants_from_2000_to_2099_only(string text, ParseResult expected)
    {
        var result = Parse(text, out var value);

        Assert.Equal(expected, result);
        if (result == ParseResult.Ok)
        {
            Assert.InRange(value, Earliest, Latest);
        }
    }

    [Fact]
    public void Leaves_the_value_default_when_it_refuses()
    {
        Assert.NotEqual(ParseResult.Ok, Parse("2027-02-29T12:00:00Z", out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Reads_epoch_milliseconds_as_utc()
    {
        var instant = new DateTimeOffset(2026, 11, 28, 6, 5, 0, 250, TimeSpan.Zero);

        Assert.Equal(ParseResult.Ok, TryParseEpochMilliseconds(instant.ToUnixTimeMilliseconds(), out var value));
        Assert.Equal(instant, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(946_684_800_000, ParseResult.Ok)]
    [InlineData(946_684_799_999, ParseResult.OutOfRange)]
    [InlineData(4_102_444_799_999, ParseResult.Ok)]
    [InlineData(4_102_444_800_000, ParseResult.OutOfRange)]
    [InlineData(0, ParseResult.OutOfRange)]
    [InlineData(-1, ParseResult.OutOfRange)]
    [InlineData(1_764_309_900, ParseResult.OutOfRange)]
    [InlineData(long.MaxValue, ParseResult.OutOfRange)]
    [InlineData(long.MinValue, ParseResult.OutOfRange)]
    public void Accepts_epoch_milliseconds_from_2000_to_2099_only(long milliseconds, ParseResult expected) =>
        Assert.Equal(expected, TryParseEpochMilliseconds(milliseconds, out _));

    [Fact]
    public void Bounds_the_range_at_the_first_and_last_millisecond_of_the_century()
    {
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), Earliest);
        Assert.Equal(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(-1), Latest);
    }

    [Theory]
    [InlineData("2026-99-99T99:99:99")]
    [InlineData("2026-02-30T10:00:00")]
    public void Calls_an_impossible_local_time_invalid_rather_than_missing_its_offset(string text)
    {
        Assert.Equal(ParseResult.Invalid, Parse(text, out _));
    }

    [Fact]
    public void Calls_a_valid_local_time_without_offset_missing_its_offset()
    {
        Assert.Equal(ParseResult.MissingOffset, Parse("2026-11-28T13:05:00", out _));
    }
}
