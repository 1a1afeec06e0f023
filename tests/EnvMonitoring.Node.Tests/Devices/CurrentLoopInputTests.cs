using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using Iot.Device.Ads1115;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>A 4–20 mA loop through the real Iot.Device.Ads1115 binding, against the chip's register protocol.</summary>
public sealed class CurrentLoopInputTests : IDisposable
{
    private const double ShuntOhms = 150;

    private readonly SimulatedAds1115 _chip = new();
    private readonly Ads1115 _adc;

    public CurrentLoopInputTests() =>
        _adc = new Ads1115(_chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.PowerDown);

    [Theory]
    [InlineData(4.0, 0.6, 4800)]
    [InlineData(12.0, 1.8, 14400)]
    [InlineData(20.0, 3.0, 24000)]
    public void Loop_current_is_read_as_the_datasheet_code_of_the_shunt_voltage(double milliamperes, double volts, int code)
    {
        // ±4.096 V full scale: one LSB is 4.096 V / 2^15 = 125 µV (datasheet table 7-1).
        _chip.Inputs[0] = volts;
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));

        Assert.True(input.TryReadCurrent(out var current));

        Assert.Equal(milliamperes, current.Milliamperes, 6);
        Assert.Equal(code, (int)Math.Round(current.Amperes * ShuntOhms / 125e-6));
    }

    [Fact]
    public void Each_read_is_a_single_shot_conversion_of_the_shunt_input_at_the_chosen_gain()
    {
        _chip.Inputs[2] = 1.8;
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN2, ElectricResistance.FromOhms(ShuntOhms));
        var before = _chip.ConversionsStarted;

        Assert.True(input.TryReadCurrent(out _));

        Assert.Equal(before + 1, _chip.ConversionsStarted);
        var config = _chip.LastConversionConfig;
        Assert.Equal(1, config >> 15);                 // OS: start a conversion
        Assert.Equal(0b110, (config >> 12) & 0b111);   // MUX: AIN2 against GND
        Assert.Equal(0b001, (config >> 9) & 0b111);    // PGA: ±4.096 V holds 22 mA × 150 Ω = 3.3 V
        Assert.Equal(1, (config >> 8) & 1);            // MODE: single-shot
        Assert.Equal(0b100, (config >> 5) & 0b111);    // DR: 128 SPS
    }

    [Fact]
    public void The_binding_waits_for_the_conversion_instead_of_reading_the_previous_result()
    {
        _chip.BusyReadsPerConversion = 5;
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));
        _chip.Inputs[0] = 0.6;
        Assert.True(input.TryReadCurrent(out _));

        _chip.Inputs[0] = 3.0;
        Assert.True(input.TryReadCurrent(out var current));

        Assert.Equal(20, current.Milliamperes, 6);
    }

    [Theory]
    [InlineData(47, MeasuringRange.FS2048)]
    [InlineData(100, MeasuringRange.FS4096)]
    [InlineData(150, MeasuringRange.FS4096)]
    [InlineData(250, MeasuringRange.FS6144)]
    public void Gain_is_the_smallest_range_holding_22_mA_across_the_shunt(double ohms, MeasuringRange expected) =>
        Assert.Equal(expected, CurrentLoopInput.RangeFor(ElectricResistance.FromOhms(ohms)));

    [Fact]
    public void A_shunt_too_large_for_the_converter_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CurrentLoopInput.RangeFor(ElectricResistance.FromOhms(300)));

    [Fact]
    public void A_loop_driven_past_full_scale_reads_as_a_fault_current()
    {
        _chip.Inputs[0] = 5.0;
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));

        Assert.True(input.TryReadCurrent(out var current));

        // Clamped at 0x7FFF: 4.096 V × 32767/32768 across 150 Ω.
        Assert.Equal(4.096 * 32767 / 32768 / ShuntOhms * 1000, current.Milliamperes, 6);
        Assert.Equal(DeviceStatus.Fault, new CurrentLoopScale(0, 500).ToReading(current).Status);
    }

    [Fact]
    public void A_converter_that_does_not_answer_fails_the_read()
    {
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));
        _chip.Unplugged = true;

        Assert.False(input.TryReadCurrent(out _));
        var probe = new CurrentLoopProbe(ParameterCatalog.Default["COD"], input, new CurrentLoopScale(0, 500), Calibration.None);
        Assert.Equal(ProbeReading.Fault(), probe.Read());
        _chip.Unplugged = false;
    }

    [Theory]
    [InlineData(12.0, 250.0, DeviceStatus.Measuring)]
    [InlineData(0.0, 0.0, DeviceStatus.Fault)]
    [InlineData(22.0, 500.0, DeviceStatus.Fault)]
    public void Cod_analyser_loop_is_scaled_to_its_range_and_broken_loops_are_faults(double milliamperes, double cod, DeviceStatus status)
    {
        _chip.Inputs[0] = milliamperes / 1000 * ShuntOhms;
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));
        var probe = new CurrentLoopProbe(ParameterCatalog.Default["COD"], input, new CurrentLoopScale(0, 500), Calibration.None);

        var reading = probe.Read();

        Assert.Equal(status, reading.Status);
        Assert.Equal(cod, reading.Value!.Value, 3);
    }

    [Fact]
    public void Two_point_calibration_corrects_the_analyser_against_standards()
    {
        // The analyser read 6 mg/L in the zero standard and 492 mg/L in a 500 mg/L span standard.
        var calibration = new Calibration([new CalibrationPoint { Measured = 6, Reference = 0 }, new CalibrationPoint { Measured = 492, Reference = 500 }]);
        var input = new CurrentLoopInput(_adc, InputMultiplexer.AIN0, ElectricResistance.FromOhms(ShuntOhms));
        var probe = new CurrentLoopProbe(ParameterCatalog.Default["COD"], input, new CurrentLoopScale(0, 500), calibration);
        _chip.Inputs[0] = 0.012 * ShuntOhms; // 12 mA: 250 mg/L as the analyser sees it

        var reading = probe.Read();

        Assert.Equal(DeviceStatus.Measuring, reading.Status);
        Assert.Equal((250 - 6) * 500 / 486.0, reading.Value!.Value, 3);
    }

    public void Dispose() => _adc.Dispose();
}
