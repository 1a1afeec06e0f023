using System.Device.Spi;
using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Node.Sampling;
using EnvMonitoring.Protocol.Catalog;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;
using Iot.Device.UFire;
using UnitsNet;

namespace EnvMonitoring.Node.Hardware;

/// <summary>
/// The hardware backend: builds each configured channel's driver and probe on the node's buses,
/// and registers its calibration switch. Owns every device it opened (one ADS1115 per bus and
/// address, shared by up to four loops) and releases them on <see cref="Dispose"/>.
/// </summary>
internal sealed class HardwareProbes : IStationProbes
{
    public const int DefaultAdcAddress = 0x48;

    /// <summary>How often a channel whose device did not answer at start tries again.</summary>
    public static readonly TimeSpan ReopenEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, List<IProbe>> _byStation = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Bus, int Address), Ads1115> _adcs = [];
    private readonly List<IDisposable> _owned = [];
    private readonly ILogger _logger;

    public HardwareProbes(NodeOptions options, IDeviceBuses buses, CalibrationModes calibration, ParameterCatalog catalog, TimeProvider time, ILogger<HardwareProbes> logger)
    {
        _logger = logger;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(catalog);
        try
        {
            foreach (var channel in options.Channels)
            {
                var station = channel.Station ?? options.Stations.Single().Id;
                var probe = Open(channel, catalog[channel.Parameter], buses, time);
                if (!_byStation.TryGetValue(station, out var probes))
                {
                    _byStation[station] = probes = [];
                }

                probes.Add(probe);
                if (channel.CalibrationPin is { } pin)
                {
                    var calibrationSwitch = Own(new CalibrationSwitch(buses.Gpio, pin));
                    calibration.AddSwitch(station, channel.Parameter, () => calibrationSwitch.IsClosed);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<IProbe> For(string station) => _byStation.TryGetValue(station, out var probes) ? probes : [];

    public void Dispose()
    {
        foreach (var device in Enumerable.Reverse(_owned))
        {
            try
            {
                device.Dispose();
            }
            catch (IOException e)
            {
                // Some bindings talk to the chip on Dispose (the ADS1115 resets its comparator); one
                // that vanished cannot be told, and the other devices must still be released.
                NodeLog.DeviceReleaseFailed(_logger, device.GetType().Name, e);
            }
        }

        _owned.Clear();
    }

    /// <summary>The channel's probe; a device that does not answer yet gives a probe that keeps trying.</summary>
    private IProbe Open(ChannelOptions channel, Parameter parameter, IDeviceBuses buses, TimeProvider time)
    {
        try
        {
            return Create(channel, parameter, buses, time);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            NodeLog.ChannelUnavailable(_logger, channel.Parameter, channel.Kind, e);
            return new ReopeningProbe(parameter, () => Create(channel, parameter, buses, time), time, ReopenEvery,
                error => NodeLog.ChannelStillUnavailable(_logger, channel.Parameter, error.Message));
        }
    }

    private IProbe Create(ChannelOptions channel, Parameter parameter, IDeviceBuses buses, TimeProvider time)
    {
        var calibration = new Calibration(channel.Calibration);
        switch (channel.Kind)
        {
            case ProbeKind.CurrentLoop:
                var input = new CurrentLoopInput(Adc(buses, channel.I2cBus, channel.I2cAddress ?? DefaultAdcAddress), channel.Input, ElectricResistance.FromOhms(channel.ShuntOhms));
                return new CurrentLoopProbe(parameter, input, new CurrentLoopScale(channel.RangeMin, channel.RangeMax), calibration);
            case ProbeKind.Ph:
                var ise = new UFireIse(buses.OpenI2c(channel.I2cBus, channel.I2cAddress ?? UFireIse.I2cAddress));
                var electrode = Own(new PhElectrode(ise));
                return new PhProbe(parameter, electrode, calibration, Temperature.FromDegreesCelsius(channel.CompensationCelsius));
            case ProbeKind.Rtd:
                var spi = buses.OpenSpi(new SpiConnectionSettings(channel.SpiBus, channel.ChipSelect)
                {
                    ClockFrequency = Max31865.SpiClockFrequency,
                    Mode = Max31865.SpiMode1,
                    DataFlow = Max31865.SpiDataFlow,
                });

                // Vietnam's mains is 50 Hz: the converter's notch filter rejects it.
                Max31865 converter;
                try
                {
                    converter = new Max31865(spi, channel.RtdType, channel.RtdWires, ElectricResistance.FromOhms(channel.ReferenceOhms), ConversionFilterMode.Filter50Hz, shouldDispose: true);
                }
                catch
                {
                    spi.Dispose();
                    throw;
                }

                return new RtdProbe(parameter, Own(new RtdThermometer(converter)), calibration);
            case ProbeKind.PulseFlow:
                var meter = Own(new PulseFlowMeter(buses.Gpio, channel.Pin, channel.PulsesPerCubicMetre, time, channel.PulseEdge, channel.PulseDebounce));
                return new PulseFlowProbe(parameter, meter, calibration);
            default:
                throw new ArgumentOutOfRangeException(nameof(channel), channel.Kind, "Unknown probe kind.");
        }
    }

    private Ads1115 Adc(IDeviceBuses buses, int bus, int address)
    {
        if (!_adcs.TryGetValue((bus, address), out var adc))
        {
            // Single-shot (power-down) mode: loops on different inputs never read a stale conversion.
            // The binding talks to the chip at once; if it does not answer, the bus device is released here.
            var device = buses.OpenI2c(bus, address);
            try
            {
                adc = Own(new Ads1115(device, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.PowerDown));
            }
            catch
            {
                device.Dispose();
                throw;
            }

            _adcs[(bus, address)] = adc;
        }

        return adc;
    }

    private T Own<T>(T device)
        where T : IDisposable
    {
        _owned.Add(device);
        return device;
    }
}
