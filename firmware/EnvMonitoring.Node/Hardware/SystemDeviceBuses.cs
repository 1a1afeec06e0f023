using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace EnvMonitoring.Node.Hardware;

/// <summary>The board's own I2C, SPI and GPIO (on Linux: <c>/dev/i2c-N</c>, <c>/dev/spidevB.C</c>, the GPIO character device).</summary>
internal sealed class SystemDeviceBuses : IDeviceBuses, IDisposable
{
    private readonly Lazy<GpioController> _gpio = new(() => new GpioController());

    public GpioController Gpio => _gpio.Value;

    public I2cDevice OpenI2c(int bus, int address) => I2cDevice.Create(new I2cConnectionSettings(bus, address));

    public SpiDevice OpenSpi(SpiConnectionSettings settings) => SpiDevice.Create(settings);

    public void Dispose()
    {
        if (_gpio.IsValueCreated)
        {
            _gpio.Value.Dispose();
        }
    }
}
