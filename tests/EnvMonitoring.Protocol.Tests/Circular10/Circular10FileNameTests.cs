using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary><c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;_&lt;yyyyMMddHHmmss&gt;.txt</c>, read and written.</summary>
public sealed class Circular10FileNameTests
{
    [Fact]
    public void Reads_the_real_example_from_DOMAIN()
    {
        Assert.True(Circular10FileName.TryParse("VL_CANG_NUOC01_20230506000500.txt", out var name, out var reason), reason);

        Assert.Equal(("VL", "CANG", "NUOC01", "VL_CANG_NUOC01"), (name.Province, name.Facility, name.Station, name.StationCode));
        Assert.Equal(new DateTimeOffset(2023, 5, 6, 0, 5, 0, TimeSpan.FromHours(7)), name.Timestamp);
        Assert.Equal("VL_CANG_NUOC01_20230506000500.txt", name.ToString());
    }

    [Theory]
    [InlineData("TN_YBWWTP_NUOC01_20250315103000.txt", "TN", "YBWWTP", "NUOC01")]
    [InlineData("TN_SC2_KHI01_20250315103000.TXT", "TN", "SC2", "KHI01")]
    [InlineData("79_7_3_20250315103000.txt", "79", "7", "3")]
    public void Reads_codes_of_letters_and_digits(string fileName, string province, string facility, string station)
    {
        Assert.True(Circular10FileName.TryParse(fileName, out var name, out var reason), reason);

        Assert.Equal((province, facility, station), (name.Province, name.Facility, name.Station));
    }

    [Theory]
    [InlineData("TN_YBWWTP_NUOC01_20250315103000.csv", ".txt")]
    [InlineData("TN_YBWWTP_NUOC01_20250315103000", ".txt")]
    [InlineData("TN_YBWWTP_NUOC01_20250315103000.txt.part", ".txt")]
    [InlineData("TN_YB_WWTP_NUOC01_20250315103000.txt", "5 parts")]
    [InlineData("YBWWTP_NUOC01_20250315103000.txt", "3 parts")]
    [InlineData("TN__NUOC01_20250315103000.txt", "facility")]
    [InlineData("TN_YB-WWTP_NUOC01_20250315103000.txt", "facility")]
    [InlineData("TN_YBWWTP_NUOC 01_20250315103000.txt", "station")]
    [InlineData("T\u00D0_YBWWTP_NUOC01_20250315103000.txt", "province")]
    [InlineData("TN_YBWWTP_NUOC01_2025031510300.txt", "time")]
    [InlineData("TN_YBWWTP_NUOC01_20250230103000.txt", "time")]
    [InlineData("TN_YBWWTP_NUOC01_19991231000000.txt", "time")]
    [InlineData("TN_YBWWTP_NUOC01_2025-03-15.txt", "time")]
    [InlineData("", "1-200")]
    [InlineData(null, "1-200")]
    public void Refuses_other_names_with_a_reason(string? fileName, string reasonMentions)
    {
        Assert.False(Circular10FileName.TryParse(fileName, out var name, out var reason));

        Assert.Null(name);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_overlong_name() =>
        Assert.False(Circular10FileName.TryParse("TN_" + new string('A', 200) + "_NUOC01_20250315103000.txt", out _, out _));

    [Fact]
    public void Builds_a_name_in_local_time_to_the_second()
    {
        var utc = new DateTimeOffset(2025, 3, 15, 3, 30, 0, 999, TimeSpan.Zero);

        var name = Circular10FileName.ForStation("TN_YBWWTP_NUOC01", utc);

        Assert.Equal("TN_YBWWTP_NUOC01_20250315103000.txt", name.ToString());
        Assert.True(Circular10FileName.TryParse(name.ToString(), out var read, out _));
        Assert.Equal(name, read);
    }

    [Theory]
    [InlineData("TN_YBWWTP")]
    [InlineData("TN_YB_WWTP_NUOC01")]
    [InlineData("TN_YB WWTP_NUOC01")]
    public void Refuses_to_build_from_a_bad_station_code(string stationCode) =>
        Assert.Throws<ArgumentException>(() => Circular10FileName.ForStation(stationCode, DateTimeOffset.UnixEpoch.AddYears(40)));

    [Fact]
    public void Refuses_to_build_outside_2000_to_2099() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Circular10FileName("TN", "YB", "N1", new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("TN_YBWWTP_NUOC01", true)]
    [InlineData("VL_CANG_NUOC01", true)]
    [InlineData("NUOC01", false)]
    [InlineData("TN_YB_WWTP_NUOC01", false)]
    [InlineData("TN__NUOC01", false)]
    [InlineData(null, false)]
    public void Knows_a_station_code(string? code, bool expected) =>
        Assert.Equal(expected, Circular10FileName.IsStationCode(code));
}
