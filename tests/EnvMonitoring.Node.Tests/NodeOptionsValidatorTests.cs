using EnvMonitoring.Node.Channels;
using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.Hosting.Internal;

namespace EnvMonitoring.Node.Tests;

public sealed class NodeOptionsValidatorTests
{
    private readonly NodeOptionsValidator _validator = new(new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory });

    [Fact]
    public void A_simulated_node_needs_no_channels_and_its_demo_scenario_is_valid()
    {
        var options = Node();
        options.Simulator.Scenario = "scenarios/demo.json";

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(NodeBackend.Simulator, options.EffectiveBackend);
    }

    [Fact]
    public void Configured_channels_make_a_hardware_node_unless_told_otherwise()
    {
        var options = Node(new ChannelOptions { Parameter = "COD", Kind = ProbeKind.CurrentLoop, RangeMax = 500 });

        Assert.Equal(NodeBackend.Hardware, options.EffectiveBackend);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("cod", ProbeKind.CurrentLoop, "'cod' is not in the parameter catalog")]
    [InlineData("SO2", ProbeKind.CurrentLoop, "SO2 is a Air parameter but station YB-WWTP-01 is Water")]
    [InlineData("FlowOut", ProbeKind.PulseFlow, "Pin (the GPIO the pulse output is wired to) is required")]
    [InlineData("Temp", ProbeKind.Rtd, "ReferenceOhms")]
    public void A_miswired_channel_stops_the_node_saying_which(string parameter, ProbeKind kind, string problem)
    {
        var channel = new ChannelOptions { Parameter = parameter, Kind = kind, RangeMax = 500, ReferenceOhms = 0 };

        var result = _validator.Validate(null, Node(channel));

        Assert.True(result.Failed);
        Assert.Contains($"Node:Channels:0 ({parameter}): {problem}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_wiring_mistakes_are_named()
    {
        var result = _validator.Validate(null, Node(
            new ChannelOptions { Parameter = "COD", Kind = ProbeKind.CurrentLoop, RangeMin = 5, RangeMax = 5 },
            new ChannelOptions { Parameter = "TSS", Kind = ProbeKind.CurrentLoop, RangeMax = 100, ShuntOhms = 500 },
            new ChannelOptions { Parameter = "TSS", Kind = ProbeKind.CurrentLoop, RangeMax = 100 },
            new ChannelOptions { Parameter = "FlowIn", Kind = ProbeKind.PulseFlow, Pin = 5 },
            new ChannelOptions { Parameter = "pH", Kind = ProbeKind.Ph, Station = "NOWHERE-01", Calibration = [new() { Measured = 7, Reference = 7 }, new() { Measured = 7, Reference = 4 }] }));

        Assert.Contains("RangeMin and RangeMax", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ShuntOhms: 22 mA across 500 Ω", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("TSS of station YB-WWTP-01 is wired twice", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("K-factor", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("station 'NOWHERE-01' is not in Node:Stations", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Calibration: Two calibration points measured 7", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hardware_node_without_channels_or_with_a_missing_scenario_is_refused()
    {
        var hardware = Node();
        hardware.Backend = NodeBackend.Hardware;
        var simulated = Node();
        simulated.Simulator.Scenario = "scenarios/missing.json";

        Assert.Contains("at least one channel", _validator.Validate(null, hardware).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("cannot be read", _validator.Validate(null, simulated).FailureMessage, StringComparison.Ordinal);
    }

    private static NodeOptions Node(params ChannelOptions[] channels) => new()
    {
        Park = "YenBinh",
        Stations = [new StationOptions { Id = "YB-WWTP-01", Medium = Medium.Water }],
        Channels = [.. channels],
    };
}
