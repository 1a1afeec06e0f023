using System.Device.Gpio;
using UnitsNet;

namespace EnvMonitoring.Node.Devices;

/// <summary>
/// A flow meter's pulse output on a GPIO pin: each pulse is 1/K m³ (K, the K-factor, in pulses per
/// m³). Pulses are counted from pin-change events; a read turns the pulses since the previous read
/// into a mean flow over the time between the two reads.
/// </summary>
/// <remarks>
/// Does not own the <see cref="GpioController"/> (other channels share it); it opens its pin and
/// closes it again on <see cref="Dispose"/>.
/// </remarks>
public sealed class PulseFlowMeter : IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly double _pulsesPerCubicMetre;
    private readonly TimeProvider _time;
    private readonly long _debounceTicks;
    private long _pulses;
    private long _lastEdge;
    private long _lastRead;

    public PulseFlowMeter(GpioController gpio, int pin, double pulsesPerCubicMetre, TimeProvider time, PinEventTypes edge = PinEventTypes.Falling, TimeSpan debounce = default)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        if (!(pulsesPerCubicMetre > 0) || !double.IsFinite(pulsesPerCubicMetre))
        {
            throw new ArgumentOutOfRangeException(nameof(pulsesPerCubicMetre), pulsesPerCubicMetre, "The K-factor must be a positive number of pulses per m³.");
        }

        if (edge is not (PinEventTypes.Rising or PinEventTypes.Falling))
        {
            throw new ArgumentOutOfRangeException(nameof(edge), edge, "A pulse is counted on one edge: Rising or Falling.");
        }

        _gpio = gpio;
        _pin = pin;
        _pulsesPerCubicMetre = pulsesPerCubicMetre;
        _time = time;
        _debounceTicks = (long)(debounce.TotalSeconds * time.TimestampFrequency);
        _lastRead = time.GetTimestamp();
        _lastEdge = long.MinValue;
        _gpio.OpenPin(pin, edge == PinEventTypes.Falling ? PinMode.InputPullUp : PinMode.InputPullDown);
        _gpio.RegisterCallbackForPinValueChangedEvent(pin, edge, OnEdge);
    }

    /// <summary>Pulses counted since the last read.</summary>
    public long PendingPulses => Interlocked.Read(ref _pulses);

    /// <summary>The mean flow since the previous read (or since construction); false when no time has passed.</summary>
    public bool TryReadFlow(out VolumeFlow flow)
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRead, now);
        if (elapsed <= TimeSpan.Zero)
        {
            flow = default;
            return false;
        }

        var pulses = Interlocked.Exchange(ref _pulses, 0);
        _lastRead = now;
        flow = VolumeFlow.FromCubicMetersPerHour(pulses / _pulsesPerCubicMetre / elapsed.TotalHours);
        return true;
    }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        _gpio.ClosePin(_pin);
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        if (_debounceTicks > 0)
        {
            var now = _time.GetTimestamp();
            if (_lastEdge != long.MinValue && now - _lastEdge < _debounceTicks)
            {
                return;
            }

            _lastEdge = now;
        }

        Interlocked.Increment(ref _pulses);
    }
}
