using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Tests.Codec;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary>Circular 10 bodies that must be read, each to exactly the samples it means.</summary>
public sealed class Circular10ParserTests
{
    private static readonly (string Code, double Value, DeviceStatus Status)[] IllustrationReadings =
    [
        ("pH", 7.21, DeviceStatus.Measuring),
        ("COD", 41.2, DeviceStatus.Calibrating),
        ("NH4", 2.3, DeviceStatus.Fault),
        ("FlowIn", 152.4, DeviceStatus.Measuring),
    ];

    [Fact]
    public void Reads_the_DOMAIN_illustration_as_one_sample_with_four_readings()
    {
        var sample = Assert.Single(Files.Accepted(Files.Illustration));

        Assert.Equal(Files.Station, sample.Station);
        Assert.Equal(Files.IllustrationTime, sample.Timestamp);
        Assert.Equal(TimeSpan.FromHours(7), sample.Timestamp.Offset);
        Assert.Null(sample.Seq);
        Expect.Readings(sample, IllustrationReadings);
    }

    [Fact]
    public void Reads_the_same_from_UTF8_bytes() =>
        Expect.Readings(Assert.Single(Circular10Parser.Parse(Encoding.UTF8.GetBytes(Files.Illustration), Files.Mapping(), ParameterCatalog.Default).Samples),
            IllustrationReadings);

    public static TheoryData<string, string> Variants => new()
    {
        { "runs of spaces", Files.Illustration.Replace("\t", "   ", StringComparison.Ordinal) },
        { "tabs and spaces mixed", Files.Illustration.Replace("\t20250315", " \t 20250315", StringComparison.Ordinal) },
        { "Windows line ends", Files.Illustration.Replace("\n", "\r\n", StringComparison.Ordinal) },
        { "a UTF-8 byte order mark", "\uFEFF" + Files.Illustration },
        { "blank lines", "\n\n" + Files.Illustration.Replace("\n", "\n \t \n", StringComparison.Ordinal) + "\n\n" },
        { "no newline after the last line", Files.Illustration.TrimEnd('\n') },
        { "trailing separators", Files.Illustration.Replace("\n", "\t \n", StringComparison.Ordinal) },
        {
            "missing units",
            "Flow_in\t152.4\t20250315103000\t00\npH\t7.21\t20250315103000\t00\nCOD\t41.2\t20250315103000\t01\nNH4\t2.3\t20250315103000\t02\n"
        },
        {
            "the timestamp in the first column",
            "20250315103000\tFlow_in\t152.4\tm3/h\t00\n20250315103000\tpH\t7.21\t-\t00\n20250315103000\tCOD\t41.2\tmg/L\t01\n20250315103000\tNH4\t2.3\tmg/L\t02\n"
        },
        {
            "the timestamp first and no units",
            "20250315103000 Flow_in 152.4 00\n20250315103000 pH 7.21 00\n20250315103000 COD 41.2 01\n20250315103000 NH4 2.3 02\n"
        },
        {
            "parameter names in another case",
            Files.Illustration.Replace("Flow_in", "FLOW_IN", StringComparison.Ordinal)
        },
        {
            "lines in another order",
            "NH4\t2.3\tmg/L\t20250315103000\t02\nCOD\t41.2\tmg/L\t20250315103000\t01\npH\t7.21\t-\t20250315103000\t00\nFlow_in\t152.4\tm3/h\t20250315103000\t00\n"
        },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_tolerated_variants_of_the_illustration_to_the_same_sample(string variant, string content)
    {
        var samples = Files.Accepted(content);

        var sample = Assert.Single(samples);
        Assert.True(sample.Timestamp == Files.IllustrationTime, variant);
        Expect.Readings(sample, IllustrationReadings);
    }

    [Theory]
    [InlineData("pH\t7.21\t-\t20250315103000")]
    [InlineData("pH\t7.21\t20250315103000")]
    [InlineData("20250315103000\tpH\t7.21\t-")]
    [InlineData("20250315103000\tpH\t7.21")]
    public void Reads_a_missing_status_as_measuring(string line) =>
        Expect.Readings(Assert.Single(Files.Accepted(line)), ("pH", 7.21, DeviceStatus.Measuring));

    [Theory]
    [InlineData("COD -0.5 mg/L 20250315103000 00", -0.5)]
    [InlineData("COD +12 mg/L 20250315103000 00", 12)]
    [InlineData("COD 1.5e2 mg/L 20250315103000 00", 150)]
    [InlineData("COD .5 mg/L 20250315103000 00", 0.5)]
    public void Reads_signed_and_exponent_numbers(string line, double expected) =>
        Expect.Values(Assert.Single(Files.Accepted(line)), ("COD", expected));

    [Fact]
    public void Makes_one_sample_per_timestamp_oldest_first()
    {
        var samples = Files.Accepted(
            "pH 7.3 - 20250315103500 00\nCOD 40 mg/L 20250315103500 00\npH 7.2 - 20250315103000 00\nCOD 41 mg/L 20250315103000 00\n");

        Assert.Equal([Files.IllustrationTime, Files.IllustrationTime.AddMinutes(5)], samples.Select(s => s.Timestamp));
        Expect.Values(samples[0], ("pH", 7.2), ("COD", 41));
        Expect.Values(samples[1], ("pH", 7.3), ("COD", 40));
    }

    [Fact]
    public void Converts_with_the_mapped_factor_into_the_canonical_unit()
    {
        var mapping = Files.Mapping([new("Flow_lps", new ParameterMapping("FlowOut", 3.6)), new("TempF", new ParameterMapping("Temp", 0.5))]);

        var sample = Assert.Single(Files.Accepted("Flow_lps 10 l/s 20250315103000 00\nTempF 60 x 20250315103000 00\n", mapping));

        Assert.Equal(36, sample.Readings.Single(r => r.Parameter.Code == "FlowOut").Value, 9);
        Assert.Equal(30, sample.Readings.Single(r => r.Parameter.Code == "Temp").Value, 9);
    }

    [Fact]
    public void An_explicit_mapping_overrides_a_catalog_code_of_the_same_name()
    {
        var mapping = Files.Mapping([new("COD", new ParameterMapping("COD", 1000))]);

        Expect.Values(Assert.Single(Files.Accepted("COD 0.0412 g/L 20250315103000 00", mapping)), ("COD", 41.2));
    }

    [Fact]
    public void Skips_ignored_parameters_unread_even_when_malformed()
    {
        var mapping = Files.Mapping(ignore: ["Camera", "sampler"]);

        var sample = Assert.Single(Files.Accepted("Camera ok\nSAMPLER not-a-number x 2025 zz\npH 7.2 - 20250315103000 00\n", mapping));

        Expect.Values(sample, ("pH", 7.2));
    }

    [Fact]
    public void Accepts_a_parameter_repeated_with_the_same_value_once() =>
        Expect.Values(Assert.Single(Files.Accepted("pH 7.2 - 20250315103000 00\npH 7.20 - 20250315103000 00\n")), ("pH", 7.2));

    [Fact]
    public void Accepts_a_unit_matching_the_mapped_unit_in_any_case()
    {
        var mapping = Files.Mapping([new("Flow_out", new ParameterMapping("FlowOut", Unit: "m3/h"))]);

        var samples = Files.Accepted("Flow_out 120 M3/H 20250315103000 00\nFlow_out 121 20250315103500 00", mapping);

        Assert.Equal([120.0, 121.0], samples.Select(s => Assert.Single(s.Readings).Value));
    }

    [Fact]
    public void Reads_readings_in_catalog_order_whatever_the_line_order()
    {
        var sample = Assert.Single(Files.Accepted("NH4 1 mg/L 20250315103000 00\nTemp 25 oC 20250315103000 00\npH 7 - 20250315103000 00\n"));

        Assert.Equal(["pH", "Temp", "NH4"], sample.Readings.Select(r => r.Parameter.Code));
    }
}
