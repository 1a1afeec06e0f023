using System.Globalization;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Protocol.Tests.Time;

/// <summary>The legal local day (UTC+7) is the basis of compliance: its boundaries must be exact.</summary>
public sealed class ProvinceTimeTests
{
    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-01T16:59:59Z", "2026-03-01T00:00:00+07:00")]
    [InlineData("2026-03-01T17:00:00Z", "2026-03-02T00:00:00+07:00")]
    [InlineData("2026-03-02T00:00:00+07:00", "2026-03-02T00:00:00+07:00")]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01T00:00:00+07:00")]
    [InlineData("2028-02-28T17:00:00Z", "2028-02-29T00:00:00+07:00")]
    public void A_local_day_starts_at_17_00_UTC(string instant, string expectedStart)
    {
        var start = ProvinceTime.StartOfDay(Parse(instant));

        Assert.Equal(Parse(expectedStart), start);
        Assert.Equal(ProvinceTime.Offset, start.Offset);
    }

    [Fact]
    public void The_ceiling_of_a_midnight_is_itself()
    {
        var midnight = new DateTimeOffset(2026, 3, 2, 0, 0, 0, ProvinceTime.Offset);

        Assert.Equal(midnight, ProvinceTime.CeilingOfDay(midnight));
        Assert.Equal(midnight.AddDays(1), ProvinceTime.CeilingOfDay(midnight.AddTicks(1)));
    }

    [Fact]
    public void ToLocal_keeps_the_instant_and_writes_it_with_plus_seven()
    {
        var utc = Parse("2026-11-28T18:05:00.250Z");

        var local = ProvinceTime.ToLocal(utc);

        Assert.Equal(utc, local);
        Assert.Equal(utc.UtcTicks, local.UtcTicks);
        Assert.Equal(TimeSpan.FromHours(7), local.Offset);
        Assert.Equal("2026-11-29T01:05:00.250+07:00", local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FromLocal_reads_a_wall_clock_time_as_province_time_whatever_its_kind()
    {
        var expected = Parse("2026-11-30T01:00:00Z");

        Assert.Equal(expected, ProvinceTime.FromLocal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(expected, ProvinceTime.FromLocal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_hour_of_an_instant_starts_on_a_whole_hour()
    {
        Assert.Equal(Parse("2026-03-01T16:00:00Z"), ProvinceTime.StartOfHour(Parse("2026-03-01T23:59:59.999+07:00")));
        Assert.Equal(TimeSpan.Zero, ProvinceTime.StartOfHour(Parse("2026-03-01T23:59:59+07:00")).Offset);
    }

    [Fact]
    public void A_day_number_changes_at_17_00_UTC_and_ends_where_the_next_begins()
    {
        var boundary = Parse("2026-03-01T17:00:00Z").UtcTicks;

        var before = ProvinceTime.DayNumberOf(boundary - 1);

        Assert.Equal(before + 1, ProvinceTime.DayNumberOf(boundary));
        Assert.Equal(boundary, ProvinceTime.EndOfDayUtcTicks(before));
        Assert.Equal(ProvinceTime.StartOfDay(Parse("2026-03-01T12:00:00Z")).AddDays(1).UtcTicks, ProvinceTime.EndOfDayUtcTicks(before));
    }

    [Fact]
    public void The_offset_is_the_one_of_the_Asia_Ho_Chi_Minh_zone_when_the_machine_has_it()
    {
        Assert.Equal("Asia/Ho_Chi_Minh", ProvinceTime.ZoneId);
        if (TimeZoneInfo.TryFindSystemTimeZoneById(ProvinceTime.ZoneId, out var zone))
        {
            Assert.Equal(ProvinceTime.Offset, zone.GetUtcOffset(Parse("2026-07-01T00:00:00Z")));
            Assert.Equal(ProvinceTime.Offset, zone.GetUtcOffset(Parse("2026-01-01T00:00:00Z")));
        }
    }
}
