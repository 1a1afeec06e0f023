using EnvMonitoring.Node.Hardware;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Node.Tests.Sampling;

/// <summary>A converter that does not answer at start does not stop the node: its channel faults and is opened again later.</summary>
public sealed class UnavailableDeviceTests : IDisposable
{
    private readonly SimulatedBoard _board = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 3, 0, 0, TimeSpan.Zero));
    private readonly TestLog _log = new TestLog().ExpectEvent("ChannelUnavailable", "the converter is unplugged at start (the scenario)");

    [Fact]
    public void A_channel_whose_converter_is_missing_at_start_faults_and_recovers_when_it_answers()
    {
        _board.Adc.Unplugged = true;
        _board.Adc.Inputs[0] = 0.012 * 150;
        using var logging = LoggerFactory.Create(b => b.AddProvider(_log.Provider));
        using var probes = new HardwareProbes(Example(), _board, new CalibrationModes(), ParameterCatalog.Default, _time, logging.CreateLogger<HardwareProbes>());
        var cod = probes.For("YB-WWTP-01").Single(p => p.Parameter.Code == "COD");
        var temperature = probes.For("YB-WWTP-01").Single(p => p.Parameter.Code == "Temp");

        Assert.Equal(DeviceStatus.Fault, cod.Read().Status);
        Assert.Equal(DeviceStatus.Measuring, temperature.Read().Status);
        Assert.Contains(_log.Entries, e => e.Is("ChannelUnavailable") && e.Level == LogLevel.Error);

        _board.Adc.Unplugged = false;
        Assert.Equal(DeviceStatus.Fault, cod.Read().Status);

        _time.Advance(HardwareProbes.ReopenEvery);
        var reading = cod.Read();
        Assert.Equal(DeviceStatus.Measuring, reading.Status);
        Assert.Equal(254.117, reading.Value!.Value, 2);
    }

    public void Dispose()
    {
        _board.Dispose();
        _log.Dispose();
    }

    private static NodeOptions Example()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "examples", "appsettings.Production.json")).Build();
        return configuration.GetSection(NodeOptions.Section).Get<NodeOptions>()!;
    }
}
