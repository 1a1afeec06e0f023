using EnvMonitoring.Node.Devices;
using Iot.Device.Max31865;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>A PT100 through the real Iot.Device.Max31865 binding, against the chip's SPI register protocol.</summary>
public sealed class RtdThermometerTests
{
    // IEC 60751 (α = 0.00385) Callendar–Van Dusen coefficients.
    private const double A = 3.9083e-3;
    private const double B = -5.775e-7;
    private const double C = -4.183e-12;

    [Fact]
    public void Datasheet_example_100_ohm_against_400_ohm_reads_code_8192_and_0_degC()
    {
        var chip = new SimulatedMax31865(referenceOhms: 400) { RtdOhms = 100 };
        using var thermometer = Thermometer(chip, 400);

        Assert.True(thermometer.TryReadTemperature(out var temperature));

        // RTD registers: the 15-bit ratio code 8192 (0x2000) left-aligned, fault bit clear: 0x4000.
        Assert.Equal([0x40, 0x00], ReadRtdRegisters(chip));
        Assert.Equal(0, temperature.DegreesCelsius, 2);
    }

    [Theory]
    [InlineData(-100, 60.26)]
    [InlineData(-50, 80.31)]
    [InlineData(0, 100.00)]
    [InlineData(25, 109.73)]
    [InlineData(50, 119.40)]
    [InlineData(100, 138.51)]
    [InlineData(150, 157.33)]
    public void Pt100_table_resistances_read_as_their_temperatures(double celsius, double ohms)
    {
        var chip = new SimulatedMax31865(referenceOhms: 430) { RtdOhms = ohms };
        using var thermometer = Thermometer(chip, 430);

        Assert.True(thermometer.TryReadTemperature(out var temperature));

        // One ADC step is 430 Ω / 2^15 = 0.013 Ω, about 0.034 °C.
        Assert.InRange(temperature.DegreesCelsius, celsius - 0.1, celsius + 0.1);
        Assert.Equal(SimulatedMax31865.Code(ohms, 430), Code(ReadRtdRegisters(chip)));
    }

    [Fact]
    public void Temperatures_follow_callendar_van_dusen_across_wastewater_range()
    {
        var chip = new SimulatedMax31865(referenceOhms: 430);
        using var thermometer = Thermometer(chip, 430);
        for (var celsius = -20.0; celsius <= 100; celsius += 7.5)
        {
            chip.RtdOhms = CallendarVanDusen(celsius);

            Assert.True(thermometer.TryReadTemperature(out var temperature));

            Assert.InRange(temperature.DegreesCelsius, celsius - 0.1, celsius + 0.1);
        }
    }

    [Fact]
    public void A_read_is_one_biased_single_shot_conversion_and_the_bias_is_switched_off_after()
    {
        var chip = new SimulatedMax31865(referenceOhms: 430) { RtdOhms = 109.73 };
        using var thermometer = Thermometer(chip, 430);

        Assert.True(thermometer.TryReadTemperature(out _));

        Assert.Equal(1, chip.Conversions);
        Assert.Equal(0, chip.Config & 0x80);    // VBIAS off again: no self-heating between reads
        Assert.Equal(0x10, chip.Config & 0x10); // 3-wire
        Assert.Equal(0x01, chip.Config & 0x01); // 50 Hz notch
    }

    [Fact]
    public void An_open_element_sets_the_fault_bit_and_fails_the_read()
    {
        var chip = new SimulatedMax31865(referenceOhms: 430) { RtdOhms = double.PositiveInfinity };
        using var thermometer = Thermometer(chip, 430);

        Assert.False(thermometer.TryReadTemperature(out _));

        Assert.Equal(1, ReadRtdRegisters(chip)[1] & 0x01);
        Assert.True(thermometer.LastFaults!.HighThreshold);
    }

    [Fact]
    public void A_shorted_element_trips_the_low_threshold()
    {
        var chip = new SimulatedMax31865(referenceOhms: 430) { RtdOhms = 0 };
        using var thermometer = Thermometer(chip, 430);

        Assert.False(thermometer.TryReadTemperature(out _));

        Assert.True(thermometer.LastFaults!.LowThreshold);
    }

    [Fact]
    public void An_overvoltage_fault_fails_the_read_and_clears_once_repaired()
    {
        var chip = new SimulatedMax31865(referenceOhms: 430) { RtdOhms = 109.73, InjectedFaults = 0x04 };
        using var thermometer = Thermometer(chip, 430);
        Assert.False(thermometer.TryReadTemperature(out _));
        Assert.True(thermometer.LastFaults!.OverUnderVoltage);

        chip.InjectedFaults = 0;

        Assert.True(thermometer.TryReadTemperature(out var temperature));
        Assert.InRange(temperature.DegreesCelsius, 24.9, 25.1);
    }

    private static RtdThermometer Thermometer(SimulatedMax31865 chip, double referenceOhms) =>
        new(new Max31865(chip, PlatinumResistanceThermometerType.Pt100, ResistanceTemperatureDetectorWires.ThreeWire,
            ElectricResistance.FromOhms(referenceOhms), ConversionFilterMode.Filter50Hz, shouldDispose: true));

    private static byte[] ReadRtdRegisters(SimulatedMax31865 chip)
    {
        var read = new byte[3];
        chip.TransferFullDuplex([0x01, 0x00, 0x00], read);
        return read[1..];
    }

    private static int Code(byte[] registers) => ((registers[0] << 8) | registers[1]) >> 1;

    private static double CallendarVanDusen(double celsius) =>
        100 * (1 + (A * celsius) + (B * celsius * celsius) + (celsius < 0 ? C * (celsius - 100) * Math.Pow(celsius, 3) : 0));
}
