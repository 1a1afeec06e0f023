using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary>The platform writes the station format upward (province → ministry); its output reads back exactly.</summary>
public sealed class Circular10WriterTests
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    private static Reading Reading(string code, double value, DeviceStatus status = DeviceStatus.Measuring) => new(Catalog[code], value, status);

    [Fact]
    public void Writes_the_illustration_in_the_station_format()
    {
        var sample = Assert.Single(Files.Accepted(Files.Illustration));

        var text = Circular10Writer.Write([sample]);

        Assert.Equal(
            "pH\t7.21\t-\t20250315103000\t00\r\n" +
            "COD\t41.2\tmg/L\t20250315103000\t01\r\n" +
            "NH4\t2.3\tmg/L\t20250315103000\t02\r\n" +
            "FlowIn\t152.4\tm3/h\t20250315103000\t00\r\n",
            text);
    }

    [Fact]
    public void Writes_the_receivers_names_and_reads_back_through_the_mapping()
    {
        var sample = new Sample(Files.Station, new DateTimeOffset(2025, 3, 15, 10, 30, 0, TimeSpan.FromHours(7)), [Reading("pH", 7.2), Reading("NH4", 2.3)]);
        var names = new Dictionary<string, string> { ["NH4"] = "N-NH4" };

        var text = Circular10Writer.Write([sample], names);

        Assert.Equal("pH\t7.2\t-\t20250315103000\t00\r\nN-NH4\t2.3\tmg/L\t20250315103000\t00\r\n", text);
        var mapping = new StationFileMapping(Files.FileStation, Files.Station, [KeyValuePair.Create("N-NH4", new ParameterMapping("NH4"))]);
        var read = Assert.Single(Files.Accepted(text, mapping));
        Assert.True(read.TryGetReading("NH4", out var nh4) && nh4.Value == 2.3);
    }

    [Fact]
    public void Round_trips_samples_exactly()
    {
        var utc = new DateTimeOffset(2025, 12, 31, 17, 0, 0, TimeSpan.Zero);
        Sample[] samples =
        [
            new(Files.Station, utc.ToOffset(TimeSpan.FromHours(7)),
            [
                Reading("pH", 7.123456789012345), Reading("Temp", -3.5, DeviceStatus.Calibrating), Reading("COD", 0.1 + 0.2),
                Reading("TSS", 0.00000015), Reading("FlowOut", 999999.99999, DeviceStatus.Fault),
            ]),
            new(Files.Station, utc.AddMinutes(5).ToOffset(TimeSpan.FromHours(7)), [Reading("pH", 0), Reading("NH4", -1e-9), Reading("Color", 1e-300)]),
        ];

        var read = Files.Accepted(Circular10Writer.Write(samples), new StationFileMapping(Files.FileStation, Files.Station));

        Assert.Equal(samples.Length, read.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i].Station, read[i].Station);
            Assert.Equal(samples[i].Timestamp, read[i].Timestamp);
            Assert.Equal(samples[i].Readings, read[i].Readings);
        }
    }

    [Fact]
    public void Round_trips_bytes_and_the_air_catalog_with_ASCII_units()
    {
        var sample = new Sample(Files.Station, Files.IllustrationTime,
            [Reading("Dust", 12.5), Reading("SO2", 180), Reading("O2", 6.2), Reading("GasFlow", 120000), Reading("GasTemp", 180.4)]);

        var bytes = Circular10Writer.Encode([sample]);

        Assert.All(bytes, b => Assert.True(b < 0x80, "the body is ASCII"));
        Assert.Contains("Dust\t12.5\tmg/Nm3\t", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("GasTemp\t180.4\toC\t", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        var read = Circular10Parser.Parse(bytes, new StationFileMapping(Files.FileStation, Files.Station), Catalog);
        Assert.Equal(sample.Readings, Assert.Single(read.Samples).Readings);
    }

    [Theory]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(-1e-9, "-0.000000001")]
    [InlineData(1.2345678901234568e-5, "0.000012345678901234568")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1.5e20, "150000000000000000000")]
    [InlineData(41.2, "41.2")]
    [InlineData(0, "0")]
    public void Writes_values_without_exponents(double value, string expected)
    {
        var text = Circular10Writer.FormatValue(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Writes_times_in_local_time_whatever_the_sample_offset()
    {
        var sample = new Sample(Files.Station, new DateTimeOffset(2025, 3, 15, 3, 30, 0, TimeSpan.Zero), [Reading("pH", 7)]);

        Assert.Equal("pH\t7\t-\t20250315103000\t00\r\n", Circular10Writer.Write([sample]));
    }

    [Fact]
    public void Refuses_samples_of_two_stations() =>
        Assert.Throws<ArgumentException>(() => Circular10Writer.Write(
        [
            new Sample("S1", Files.IllustrationTime, [Reading("pH", 7)]),
            new Sample("S2", Files.IllustrationTime, [Reading("pH", 7)]),
        ]));

    [Fact]
    public void Writes_nothing_for_no_samples() => Assert.Equal("", Circular10Writer.Write([]));
}
