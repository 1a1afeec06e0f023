using EnvMonitoring.Node.Probes;
using UnitsNet;

namespace EnvMonitoring.Node.Channels;

/// <summary>
/// An analyser's 4–20 mA output: 4 mA is the bottom of its range, 20 mA the top, linear between.
/// Per NAMUR NE 43 a loop below 3.6 mA (broken wire, dead transmitter) or above 21 mA (short,
/// transmitter failure signal) is a fault, reported with the value clamped to the range so it
/// stays plausible for the catalog. Pure, no I/O.
/// </summary>
internal readonly record struct CurrentLoopScale(double RangeMin, double RangeMax)
{
    public const double ZeroMilliamperes = 4;
    public const double SpanMilliamperes = 16;
    public const double FaultBelowMilliamperes = 3.6;
    public const double FaultAboveMilliamperes = 21;

    public ProbeReading ToReading(ElectricCurrent current)
    {
        var milliamperes = current.Milliamperes;
        var value = RangeMin + ((milliamperes - ZeroMilliamperes) / SpanMilliamperes * (RangeMax - RangeMin));
        if (milliamperes is < FaultBelowMilliamperes or > FaultAboveMilliamperes || !double.IsFinite(milliamperes))
        {
            return ProbeReading.Fault(double.IsFinite(value) ? Math.Clamp(value, Math.Min(RangeMin, RangeMax), Math.Max(RangeMin, RangeMax)) : null);
        }

        return ProbeReading.Measured(value);
    }
}
