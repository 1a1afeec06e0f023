using System.Device.Gpio;

namespace EnvMonitoring.Node.Devices;

/// <summary>
/// A maintenance switch wired from a GPIO pin to ground (internal pull-up): closed means the
/// technician is calibrating the channel, so its readings are marked status 1.
/// </summary>
/// <remarks>Does not own the <see cref="GpioController"/>; opens its pin and closes it on <see cref="Dispose"/>.</remarks>
public sealed class CalibrationSwitch : IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;

    public CalibrationSwitch(GpioController gpio, int pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        _gpio = gpio;
        _pin = pin;
        _gpio.OpenPin(pin, PinMode.InputPullUp);
    }

    public bool IsClosed => _gpio.Read(_pin) == PinValue.Low;

    public void Dispose() => _gpio.ClosePin(_pin);
}
