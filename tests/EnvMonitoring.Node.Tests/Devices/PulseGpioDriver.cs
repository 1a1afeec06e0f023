using System.Device.Gpio;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>
/// GPIO pins for tests: inputs whose level the test sets (a switch), and pulse trains (a flow
/// meter's open-collector output, idle high with the pull-up, low for each pulse) that raise the
/// same falling and rising edge events the kernel's GPIO driver would.
/// </summary>
internal sealed class PulseGpioDriver : GpioDriver
{
    private readonly Dictionary<int, Pin> _pins = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<int> OpenPins
    {
        get
        {
            lock (_gate)
            {
                return [.. _pins.Keys];
            }
        }
    }

    protected override int PinCount => 28;

    /// <summary>Sends <paramref name="count"/> pulses (high → low → high) on the pin.</summary>
    public void Pulse(int pin, int count)
    {
        for (var i = 0; i < count; i++)
        {
            SetLevel(pin, PinValue.Low);
            SetLevel(pin, PinValue.High);
        }
    }

    /// <summary>Drives an input to a level, raising the edge event when it changes.</summary>
    public void SetLevel(int pin, PinValue level)
    {
        PinChangeEventHandler? handler = null;
        PinEventTypes edge;
        lock (_gate)
        {
            var state = _pins[pin];
            if (state.Level == level)
            {
                return;
            }

            state.Level = level;
            edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if ((state.Events & edge) != 0)
            {
                handler = state.Handler;
            }
        }

        handler?.Invoke(this, new PinValueChangedEventArgs(edge, pin));
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            _pins[pinNumber] = new Pin();
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var pin = _pins[pinNumber];
            pin.Mode = mode;
            pin.Level = mode == PinMode.InputPullDown ? PinValue.Low : PinValue.High;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return _pins[pinNumber].Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return _pins[pinNumber].Level;
        }
    }

    protected override void Write(int pinNumber, PinValue value) => SetLevel(pinNumber, value);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Tests use callbacks.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            var pin = _pins[pinNumber];
            pin.Events |= eventTypes;
            pin.Handler += callback;
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(pinNumber, out var pin))
            {
                pin.Handler -= callback;
                if (pin.Handler is null)
                {
                    pin.Events = PinEventTypes.None;
                }
            }
        }
    }

    private sealed class Pin
    {
        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Level { get; set; } = PinValue.High;

        public PinEventTypes Events { get; set; }

        public PinChangeEventHandler? Handler { get; set; }
    }
}
