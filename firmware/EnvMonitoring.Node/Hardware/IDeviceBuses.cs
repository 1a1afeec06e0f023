using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace EnvMonitoring.Node.Hardware;

/// <summary>
/// Where the hardware backend gets its buses: the board's (<see cref="SystemDeviceBuses"/>), or
/// simulated devices in tests. Devices handed out are owned by the binding that receives them;
/// the GPIO controller stays owned by the provider.
/// </summary>
internal interface IDeviceBuses
{
    GpioController Gpio { get; }

    I2cDevice OpenI2c(int bus, int address);

    SpiDevice OpenSpi(SpiConnectionSettings settings);
}
