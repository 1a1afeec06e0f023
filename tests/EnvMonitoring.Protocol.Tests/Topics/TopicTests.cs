using EnvMonitoring.Protocol.Topics;
// The class shares its name with this test namespace, hence the alias.
using TopicNames = EnvMonitoring.Protocol.Topics.Topics;

namespace EnvMonitoring.Protocol.Tests.Topics;

/// <summary>Contract topic names: built and parsed in one place, and nothing else parses.</summary>
public sealed class TopicTests
{
    [Fact]
    public void Builds_every_topic_of_the_contract()
    {
        Assert.Equal("envmon/KCN-YB/YB-WWTP-01/telemetry", TopicNames.Telemetry("KCN-YB", "YB-WWTP-01"));
        Assert.Equal("envmon/KCN-YB/YB-WWTP-01/status", TopicNames.StationStatus("KCN-YB", "YB-WWTP-01"));
        Assert.Equal("envmon/KCN-YB/_gw/GW1/batch", TopicNames.GatewayBatch("KCN-YB", "GW1"));
        Assert.Equal("envmon/KCN-YB/_gw/GW1/ack", TopicNames.GatewayAck("KCN-YB", "GW1"));
        Assert.Equal("envmon/KCN-YB/_gw/GW1/status", TopicNames.GatewayStatus("KCN-YB", "GW1"));
        Assert.Equal("envmon/KCN-YB/YB-WWTP-01/cmd/calibration", TopicNames.CalibrationCommand("KCN-YB", "YB-WWTP-01"));
        Assert.Equal("envmon/KCN-YB/+/cmd/#", TopicNames.ParkCommands("KCN-YB"));
        Assert.Equal("envmon/KCN-YB/+/telemetry", TopicNames.ParkTelemetry("KCN-YB"));
        Assert.Equal("envmon/+/+/telemetry", TopicNames.AllTelemetry);
        Assert.Equal("envmon/+/_gw/+/batch", TopicNames.AllGatewayBatches);
    }

    public static TheoryData<string, TopicAddress> ContractTopics => new()
    {
        { TopicNames.Telemetry("KCN-YB", "YB-WWTP-01"), new TopicAddress(TopicKind.Telemetry, "KCN-YB", "YB-WWTP-01", null) },
        { TopicNames.StationStatus("KCN-YB", "YB-WWTP-01"), new TopicAddress(TopicKind.StationStatus, "KCN-YB", "YB-WWTP-01", null) },
        { TopicNames.GatewayBatch("KCN-YB", "GW1"), new TopicAddress(TopicKind.GatewayBatch, "KCN-YB", null, "GW1") },
        { TopicNames.GatewayAck("KCN-YB", "GW1"), new TopicAddress(TopicKind.GatewayAck, "KCN-YB", null, "GW1") },
        { TopicNames.GatewayStatus("KCN-YB", "GW1"), new TopicAddress(TopicKind.GatewayStatus, "KCN-YB", null, "GW1") },
        { "envmon/p/s.1_x-y/telemetry", new TopicAddress(TopicKind.Telemetry, "p", "s.1_x-y", null) },
        { "envmon/0/gw/status", new TopicAddress(TopicKind.StationStatus, "0", "gw", null) },
        { TopicNames.CalibrationCommand("KCN-YB", "YB-WWTP-01"), new TopicAddress(TopicKind.CalibrationCommand, "KCN-YB", "YB-WWTP-01", null) },
        { "envmon/KCN-YB/cmd/cmd/calibration", new TopicAddress(TopicKind.CalibrationCommand, "KCN-YB", "cmd", null) },
        { "envmon/KCN-YB/_gw/cmd/status", new TopicAddress(TopicKind.GatewayStatus, "KCN-YB", null, "cmd") },
    };

    [Theory]
    [MemberData(nameof(ContractTopics))]
    public void Parses_what_it_builds(string topic, TopicAddress expected)
    {
        Assert.True(TopicNames.TryParse(topic, out var address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("Envmon/KCN-YB/S1/telemetry")]
    [InlineData("envmon2/KCN-YB/S1/telemetry")]
    [InlineData("/envmon/KCN-YB/S1/telemetry")]
    [InlineData("other/KCN-YB/S1/telemetry")]
    public void Rejects_a_topic_outside_the_envmon_root(string? topic) =>
        Assert.False(TopicNames.TryParse(topic, out _));

    [Theory]
    [InlineData("envmon//S1/telemetry")]
    [InlineData("envmon/KCN YB/S1/telemetry")]
    [InlineData("envmon/+/S1/telemetry")]
    [InlineData("envmon/#")]
    [InlineData("envmon/_park/S1/telemetry")]
    [InlineData("envmon/KCN-YB//telemetry")]
    [InlineData("envmon/KCN-YB/+/telemetry")]
    [InlineData("envmon/KCN-YB/S,1/telemetry")]
    [InlineData("envmon/KCN-YB/S=1/telemetry")]
    [InlineData("envmon/KCN-YB/Trạm1/telemetry")]
    [InlineData("envmon/KCN-YB/-S1/status")]
    [InlineData("envmon/KCN-YB/_gw//batch")]
    [InlineData("envmon/KCN-YB/_gw/+/batch")]
    [InlineData("envmon/KCN-YB/_gw/_gw/batch")]
    [InlineData("envmon/KCN-YB/_gw/G W/ack")]
    [InlineData("envmon/KCN-YB/+/cmd/calibration")]
    [InlineData("envmon/KCN-YB/_x/cmd/calibration")]
    public void Rejects_a_topic_with_an_invalid_identifier(string topic) =>
        Assert.False(TopicNames.TryParse(topic, out _));

    [Fact]
    public void Rejects_an_identifier_longer_than_64_characters()
    {
        var longest = "S" + new string('x', 63);

        Assert.True(TopicNames.TryParse($"envmon/p/{longest}/telemetry", out _));
        Assert.False(TopicNames.TryParse($"envmon/p/{longest}x/telemetry", out _));
        Assert.False(TopicNames.TryParse($"envmon/{longest}x/s/telemetry", out _));
        Assert.False(TopicNames.TryParse($"envmon/p/_gw/{longest}x/batch", out _));
    }

    [Theory]
    [InlineData("envmon/KCN-YB/_gw/telemetry")]
    [InlineData("envmon/KCN-YB/_gw/status")]
    [InlineData("envmon/KCN-YB/_GW/GW1/batch")]
    [InlineData("envmon/KCN-YB/gw/GW1/batch")]
    [InlineData("envmon/KCN-YB/S1/GW1/batch")]
    public void Never_takes_the_gateway_segment_for_a_station_or_a_station_for_it(string topic) =>
        Assert.False(TopicNames.TryParse(topic, out _));

    [Theory]
    [InlineData("envmon/KCN-YB/S1/telemetry/extra")]
    [InlineData("envmon/KCN-YB/S1/telemetry/")]
    [InlineData("envmon/KCN-YB/_gw/GW1/batch/extra")]
    [InlineData("envmon/KCN-YB/_gw/GW1/batch/")]
    [InlineData("envmon/KCN-YB/_gw/GW1/batch/a/b/c")]
    [InlineData("envmon/KCN-YB/S1")]
    [InlineData("envmon/KCN-YB")]
    [InlineData("envmon")]
    [InlineData("envmon/KCN-YB/telemetry")]
    [InlineData("envmon/KCN-YB/_gw/GW1")]
    public void Rejects_a_topic_with_extra_or_missing_segments(string topic) =>
        Assert.False(TopicNames.TryParse(topic, out _));

    [Theory]
    [InlineData("envmon/KCN-YB/S1/values")]
    [InlineData("envmon/KCN-YB/S1/Telemetry")]
    [InlineData("envmon/KCN-YB/S1/ack")]
    [InlineData("envmon/KCN-YB/S1/batch")]
    [InlineData("envmon/KCN-YB/S1/")]
    [InlineData("envmon/KCN-YB/_gw/GW1/telemetry")]
    [InlineData("envmon/KCN-YB/_gw/GW1/Batch")]
    [InlineData("envmon/KCN-YB/_gw/GW1/")]
    [InlineData("envmon/KCN-YB/S1/cmd/reboot")]
    [InlineData("envmon/KCN-YB/S1/cmd/Calibration")]
    [InlineData("envmon/KCN-YB/S1/command/calibration")]
    [InlineData("envmon/KCN-YB/S1/cmd/")]
    public void Rejects_a_topic_with_an_unknown_leaf(string topic) =>
        Assert.False(TopicNames.TryParse(topic, out _));

    [Fact]
    public void Rejects_a_topic_longer_than_256_characters()
    {
        var topic = "envmon/p/s/telemetry".Replace("/s/", "/" + new string('s', 64) + "/", StringComparison.Ordinal);
        Assert.True(TopicNames.TryParse(topic, out _));

        Assert.False(TopicNames.TryParse(topic + new string('/', 240), out _));
    }

    [Fact]
    public void Leaves_the_address_empty_when_it_refuses()
    {
        Assert.False(TopicNames.TryParse("envmon/KCN-YB/S1/values", out var address));
        Assert.Equal(default, address);
    }

    [Theory]
    [InlineData("KCN YB", "S1", "park")]
    [InlineData("", "S1", "park")]
    [InlineData("KCN-YB", "_gw", "station")]
    [InlineData("KCN-YB", "+", "station")]
    [InlineData("KCN-YB", "S1/telemetry", "station")]
    [InlineData("KCN-YB", "#", "station")]
    public void Refuses_to_build_a_station_topic_from_an_invalid_identifier(string park, string station, string paramName)
    {
        Assert.Equal(paramName, Assert.Throws<ArgumentException>(() => TopicNames.Telemetry(park, station)).ParamName);
        Assert.Equal(paramName, Assert.Throws<ArgumentException>(() => TopicNames.StationStatus(park, station)).ParamName);
        Assert.Equal(paramName, Assert.Throws<ArgumentException>(() => TopicNames.CalibrationCommand(park, station)).ParamName);
    }

    [Theory]
    [InlineData("KCN-YB", "_gw")]
    [InlineData("KCN-YB", "GW/1")]
    [InlineData("KCN-YB", "")]
    public void Refuses_to_build_a_gateway_topic_from_an_invalid_identifier(string park, string gateway)
    {
        Assert.Equal("gateway", Assert.Throws<ArgumentException>(() => TopicNames.GatewayBatch(park, gateway)).ParamName);
        Assert.Equal("gateway", Assert.Throws<ArgumentException>(() => TopicNames.GatewayAck(park, gateway)).ParamName);
        Assert.Equal("gateway", Assert.Throws<ArgumentException>(() => TopicNames.GatewayStatus(park, gateway)).ParamName);
        Assert.Equal("park", Assert.Throws<ArgumentException>(() => TopicNames.ParkTelemetry("+")).ParamName);
    }
}
