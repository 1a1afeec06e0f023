using System.Device.Gpio;
using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>A pulse-output flow meter through System.Device.Gpio edge events from a GPIO driver.</summary>
public sealed class PulseFlowMeterTests : IDisposable
{
    private const int Pin = 17;

    private readonly PulseGpioDriver _driver = new();
    private readonly GpioController _gpio;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 3, 0, 0, TimeSpan.Zero));

    public PulseFlowMeterTests() => _gpio = new GpioController(_driver);

    [Fact]
    public void Pulses_over_time_divided_by_the_k_factor_are_the_flow()
    {
        using var meter = new PulseFlowMeter(_gpio, Pin, pulsesPerCubicMetre: 100, _time);

        // 250 pulses in a minute at 100 pulses per m³: 2.5 m³ per minute, 150 m³/h.
        _driver.Pulse(Pin, 250);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(meter.TryReadFlow(out var flow));
        Assert.Equal(150, flow.CubicMetersPerHour, 6);
    }

    [Fact]
    public void Each_read_covers_the_pulses_since_the_previous_read()
    {
        using var meter = new PulseFlowMeter(_gpio, Pin, pulsesPerCubicMetre: 10, _time);
        _driver.Pulse(Pin, 5);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(meter.TryReadFlow(out var first));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(meter.TryReadFlow(out var second));

        Assert.Equal(60, first.CubicMetersPerHour, 6);
        Assert.Equal(0, second.CubicMetersPerHour, 6);
    }

    [Theory]
    [InlineData(PinEventTypes.Falling)]
    [InlineData(PinEventTypes.Rising)]
    public void A_pulse_counts_once_on_the_chosen_edge(PinEventTypes edge)
    {
        using var meter = new PulseFlowMeter(_gpio, Pin, pulsesPerCubicMetre: 1, _time, edge);
        if (edge == PinEventTypes.Rising)
        {
            // Idle low with the pull-down: a pulse is low → high → low.
            _driver.SetLevel(Pin, PinValue.High);
            _driver.SetLevel(Pin, PinValue.Low);
        }
        else
        {
            _driver.Pulse(Pin, 1);
        }

        Assert.Equal(1, meter.PendingPulses);
    }

    [Fact]
    public void Contact_bounce_within_the_debounce_time_is_one_pulse()
    {
        using var meter = new PulseFlowMeter(_gpio, Pin, pulsesPerCubicMetre: 1, _time, PinEventTypes.Falling, TimeSpan.FromMilliseconds(5));

        _driver.Pulse(Pin, 3);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _driver.Pulse(Pin, 1);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _driver.Pulse(Pin, 1);

        Assert.Equal(2, meter.PendingPulses);
    }

    [Fact]
    public void The_probe_reports_calibrated_flow_and_disposing_closes_the_pin()
    {
        var meter = new PulseFlowMeter(_gpio, Pin, pulsesPerCubicMetre: 100, _time);
        var calibration = new Calibration([new CalibrationPoint { Measured = 100, Reference = 103 }, new CalibrationPoint { Measured = 200, Reference = 206 }]);
        var probe = new PulseFlowProbe(ParameterCatalog.Default["FlowOut"], meter, calibration);
        _driver.Pulse(Pin, 250);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(154.5, probe.Read().Value!.Value, 6);

        meter.Dispose();
        Assert.DoesNotContain(Pin, _driver.OpenPins);
    }

    [Fact]
    public void A_calibration_switch_is_closed_while_its_pin_is_pulled_to_ground()
    {
        using var calibrationSwitch = new CalibrationSwitch(_gpio, 27);
        Assert.False(calibrationSwitch.IsClosed);

        _driver.SetLevel(27, PinValue.Low);

        Assert.True(calibrationSwitch.IsClosed);
    }

    public void Dispose() => _gpio.Dispose();
}
