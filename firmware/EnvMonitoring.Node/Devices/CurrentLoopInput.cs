using Iot.Device.Ads1115;
using UnitsNet;

namespace EnvMonitoring.Node.Devices;

/// <summary>
/// A 4–20 mA current loop read as the voltage across a shunt resistor on one single-ended input of
/// an ADS1115. The gain is the smallest full-scale range that still holds 22 mA across the shunt,
/// so fault currents above 21 mA are seen rather than clipped. Each read is a single-shot
/// conversion at 128 SPS.
/// </summary>
/// <remarks>
/// Does not own the <see cref="Ads1115"/>: up to four loops share one converter, and whoever created
/// it disposes it (which disposes its <c>I2cDevice</c>). Reads lock the converter, so loops on one
/// converter may be read from different threads.
/// </remarks>
public sealed class CurrentLoopInput
{
    /// <summary>Highest loop current the gain must hold without clipping.</summary>
    public static readonly ElectricCurrent Headroom = ElectricCurrent.FromMilliamperes(22);

    private static readonly MeasuringRange[] RangesAscending =
        [MeasuringRange.FS0256, MeasuringRange.FS0512, MeasuringRange.FS1024, MeasuringRange.FS2048, MeasuringRange.FS4096, MeasuringRange.FS6144];

    private readonly Ads1115 _adc;
    private readonly InputMultiplexer _input;
    private readonly double _shuntOhms;

    public CurrentLoopInput(Ads1115 adc, InputMultiplexer input, ElectricResistance shunt)
    {
        ArgumentNullException.ThrowIfNull(adc);
        if (input is not (InputMultiplexer.AIN0 or InputMultiplexer.AIN1 or InputMultiplexer.AIN2 or InputMultiplexer.AIN3))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, "A shunt is read single-ended: AIN0 … AIN3.");
        }

        _adc = adc;
        _input = input;
        _shuntOhms = shunt.Ohms;
        Range = RangeFor(shunt);
    }

    /// <summary>The gain used for this loop.</summary>
    public MeasuringRange Range { get; }

    /// <summary>The smallest full-scale range holding <see cref="Headroom"/> across <paramref name="shunt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shunt is so large that 22 mA would exceed ±6.144 V.</exception>
    public static MeasuringRange RangeFor(ElectricResistance shunt)
    {
        var ohms = shunt.Ohms;
        if (!(ohms > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(shunt), ohms, "The shunt must be a positive resistance.");
        }

        var needed = Headroom.Amperes * ohms;
        foreach (var range in RangesAscending)
        {
            if (FullScaleVolts(range) >= needed)
            {
                return range;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(shunt), ohms, $"22 mA across {ohms} Ω is {needed:0.###} V, beyond the ADS1115's ±6.144 V.");
    }

    public static double FullScaleVolts(MeasuringRange range) => range switch
    {
        MeasuringRange.FS6144 => 6.144,
        MeasuringRange.FS4096 => 4.096,
        MeasuringRange.FS2048 => 2.048,
        MeasuringRange.FS1024 => 1.024,
        MeasuringRange.FS0512 => 0.512,
        _ => 0.256,
    };

    /// <summary>Reads the loop current; false when the converter did not answer.</summary>
    public bool TryReadCurrent(out ElectricCurrent current)
    {
        try
        {
            short raw;
            lock (_adc)
            {
                raw = _adc.ReadRaw(_input, Range, DataRate.SPS128);
            }

            // The ADS1115's transfer function: one LSB is FS / 2^15.
            var volts = raw * FullScaleVolts(Range) / 32768.0;
            current = ElectricCurrent.FromAmperes(volts / _shuntOhms);
            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            current = default;
            return false;
        }
    }
}
