using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Codec;

public sealed class WireNameTests
{
    public enum Sample
    {
        HourlyMean,
        DeEscalated,

        [JsonStringEnumMemberName("from1point1")]
        From1Point1,
    }

    [Theory]
    [InlineData(Sample.HourlyMean, "hourlyMean")]
    [InlineData(Sample.DeEscalated, "deEscalated")]
    [InlineData(Sample.From1Point1, "from1point1")]
    public void Names_are_camel_case_unless_the_member_names_itself(Sample value, string expected) =>
        Assert.Equal(expected, WireName.Of(value));

    [Fact]
    public void Names_are_what_the_json_enum_converter_writes()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        foreach (var value in Enum.GetValues<Sample>())
        {
            Assert.Equal(JsonSerializer.Serialize(value, options), $"\"{WireName.Of(value)}\"");
        }

        foreach (var value in Enum.GetValues<DeviceStatus>())
        {
            Assert.Equal(JsonSerializer.Serialize(value, options), $"\"{WireName.Of(value)}\"");
        }
    }

    [Fact]
    public void Parsing_takes_names_in_any_case_and_refuses_numbers_and_unknown_names()
    {
        Assert.True(WireName.TryParse<Sample>("FROM1POINT1", out var parsed));
        Assert.Equal(Sample.From1Point1, parsed);
        Assert.False(WireName.TryParse<Sample>("2", out _));
        Assert.False(WireName.TryParse<Sample>("from1Point1x", out _));
        Assert.False(WireName.TryParse<Sample>(null, out _));
        Assert.Equal(["hourlyMean", "deEscalated", "from1point1"], WireName.All<Sample>());
    }

    [Fact]
    public void An_undefined_value_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WireName.Of((Sample)42));
}
