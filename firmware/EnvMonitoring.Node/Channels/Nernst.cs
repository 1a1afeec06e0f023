using UnitsNet;

namespace EnvMonitoring.Node.Channels;

/// <summary>
/// An ideal pH glass electrode: 0 mV at pH 7 and a slope of ln(10)·R·T/F per pH unit — 59.16 mV at
/// 25 °C, falling by 0.198 mV per kelvin — with potentials falling as pH rises. A real electrode's
/// offset and slope are corrected by the channel's buffer calibration. Pure, no I/O.
/// </summary>
internal static class Nernst
{
    public const double NeutralPh = 7;

    /// <summary>ln(10)·R/F in millivolts per kelvin.</summary>
    private const double MillivoltsPerKelvin = 2.302585092994046 * 8.314462618 / 96485.33212 * 1000;

    public static double SlopeMillivoltsPerPh(Temperature temperature) => MillivoltsPerKelvin * temperature.Kelvins;

    public static double ToPh(ElectricPotential potential, Temperature temperature) =>
        NeutralPh - (potential.Millivolts / SlopeMillivoltsPerPh(temperature));

    public static ElectricPotential ToPotential(double ph, Temperature temperature) =>
        ElectricPotential.FromMillivolts((NeutralPh - ph) * SlopeMillivoltsPerPh(temperature));
}
