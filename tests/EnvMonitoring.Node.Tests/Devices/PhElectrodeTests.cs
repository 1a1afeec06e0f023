using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using Iot.Device.UFire;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>A pH electrode through the real Iot.Device.UFire binding, against the probe interface's I2C protocol.</summary>
public sealed class PhElectrodeTests : IDisposable
{
    private static readonly Parameter Ph = ParameterCatalog.Default["pH"];
    private static readonly Temperature Standard = Temperature.FromDegreesCelsius(25);

    private readonly SimulatedUFireIse _interface = new();
    private readonly PhElectrode _electrode;

    public PhElectrodeTests() => _electrode = new PhElectrode(new UFireIse(_interface));

    [Fact]
    public void The_electrode_potential_is_measured_by_command_and_read_as_a_float_register()
    {
        _interface.ElectrodeMillivolts = 177.48;

        Assert.True(_electrode.TryReadPotential(out var potential));

        Assert.Equal(1, _interface.Measurements);
        Assert.Equal(177.48, potential.Millivolts, 2);
    }

    [Theory]
    [InlineData(0.0, 7.00)]
    [InlineData(177.48, 4.00)]
    [InlineData(-177.48, 10.00)]
    public void An_ideal_electrode_at_25_degC_reads_the_buffer_it_sits_in(double millivolts, double ph)
    {
        _interface.ElectrodeMillivolts = millivolts;
        var probe = new PhProbe(Ph, _electrode, Calibration.None, Standard);

        var reading = probe.Read();

        Assert.Equal(DeviceStatus.Measuring, reading.Status);
        Assert.Equal(ph, reading.Value!.Value, 2);
    }

    [Fact]
    public void The_nernst_slope_is_compensated_with_the_water_temperature()
    {
        // At 40 °C the slope is 62.14 mV per pH: −124.28 mV is pH 9 (at 25 °C it would look like 9.10).
        _interface.ElectrodeMillivolts = -124.28;
        var probe = new PhProbe(Ph, _electrode, Calibration.None, Standard);

        probe.Compensate(Temperature.FromDegreesCelsius(40));

        Assert.Equal(9.00, probe.Read().Value!.Value, 2);
    }

    [Fact]
    public void Two_point_buffer_calibration_corrects_offset_and_slope_of_an_aged_electrode()
    {
        // An aged electrode: +12 mV offset, 92 % of the ideal slope.
        static double Aged(double ph) => 12 + (0.92 * (7 - ph) * 59.16);
        var uncalibrated = new PhProbe(Ph, _electrode, Calibration.None, Standard);
        _interface.ElectrodeMillivolts = Aged(7);
        var inBuffer7 = uncalibrated.Read().Value!.Value;
        _interface.ElectrodeMillivolts = Aged(4);
        var inBuffer4 = uncalibrated.Read().Value!.Value;
        var calibration = new Calibration([new CalibrationPoint { Measured = inBuffer7, Reference = 7 }, new CalibrationPoint { Measured = inBuffer4, Reference = 4 }]);
        var calibrated = new PhProbe(Ph, _electrode, calibration, Standard);

        _interface.ElectrodeMillivolts = Aged(10);

        Assert.NotEqual(10, uncalibrated.Read().Value!.Value, 1);
        Assert.Equal(10.00, calibrated.Read().Value!.Value, 2);
    }

    [Fact]
    public void An_interface_that_does_not_answer_is_a_fault_without_a_value()
    {
        _interface.Unplugged = true;
        var probe = new PhProbe(Ph, _electrode, Calibration.None, Standard);

        Assert.Equal(ProbeReading.Fault(), probe.Read());
    }

    [Fact]
    public void A_potential_beyond_the_interface_range_fails_the_read()
    {
        _interface.ElectrodeMillivolts = 2000;

        Assert.False(_electrode.TryReadPotential(out _));
    }

    public void Dispose() => _electrode.Dispose();
}
