using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using EnvMonitoring.Node.Hardware;
using EnvMonitoring.Node.Tests.Devices;

namespace EnvMonitoring.Node.Tests.Support;

/// <summary>
/// A Raspberry Pi's buses with simulated chips on them: an ADS1115 at 0x48 and a uFire ISE at 0x3F
/// on I2C bus 1, a MAX31865 (430 Ω reference) on SPI 0.0, and GPIO pins driven by the test.
/// </summary>
internal sealed class SimulatedBoard : IDeviceBuses, IDisposable
{
    public SimulatedBoard() => Gpio = new GpioController(Pins);

    public SimulatedAds1115 Adc { get; } = new();

    public SimulatedUFireIse PhInterface { get; } = new();

    public SimulatedMax31865 Rtd { get; } = new(referenceOhms: 430);

    public PulseGpioDriver Pins { get; } = new();

    public GpioController Gpio { get; }

    public I2cDevice OpenI2c(int bus, int address) => (bus, address) switch
    {
        (1, 0x48) => Adc,
        (1, 0x3F) => PhInterface,
        _ => throw new IOException($"No device answers at 0x{address:X2} on I2C bus {bus}."),
    };

    public SpiDevice OpenSpi(SpiConnectionSettings settings) =>
        settings is { BusId: 0, ChipSelectLine: 0 } ? Rtd : throw new IOException($"No SPI device {settings.BusId}.{settings.ChipSelectLine}.");

    public void Dispose() => Gpio.Dispose();
}
