using Iot.Device.Max31865;
using UnitsNet;

namespace EnvMonitoring.Node.Devices;

/// <summary>
/// A platinum resistance thermometer (PT100/PT1000) on a MAX31865: one single-shot conversion of the
/// RTD-to-reference ratio, turned into a temperature with Callendar–Van Dusen by the binding, then
/// the fault status register is checked. Any fault (open or shorted element, threshold,
/// over/undervoltage) fails the read, as does a temperature outside the element's −200…850 °C.
/// </summary>
/// <remarks>
/// Owns the <see cref="Max31865"/> and disposes it; whether that disposes the <c>SpiDevice</c> is
/// the converter's <c>shouldDispose</c> argument.
/// </remarks>
public sealed class RtdThermometer : IDisposable
{
    public const double MinCelsius = -200;
    public const double MaxCelsius = 850;

    private readonly Max31865 _converter;

    public RtdThermometer(Max31865 converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        _converter = converter;
    }

    /// <summary>The fault status read after the last conversion, or null before the first.</summary>
    public FaultStatus? LastFaults { get; private set; }

    public bool TryReadTemperature(out Temperature temperature)
    {
        try
        {
            temperature = _converter.Temperature;
            LastFaults = _converter.Faults;
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            temperature = default;
            return false;
        }

        return !HasFault(LastFaults) && double.IsFinite(temperature.DegreesCelsius) && temperature.DegreesCelsius is >= MinCelsius and <= MaxCelsius;
    }

    public void Dispose() => _converter.Dispose();

    private static bool HasFault(FaultStatus faults) =>
        faults.HighThreshold || faults.LowThreshold || faults.ReferenceInHigh || faults.ReferenceInLow
        || faults.ResistanceTemperatureDetectorLow || faults.OverUnderVoltage;
}
