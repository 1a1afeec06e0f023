using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Protocol.Catalog;
using UnitsNet;

namespace EnvMonitoring.Node.Probes;

/// <summary>
/// A pH electrode: potential → pH with the Nernst slope at the water temperature (the station's
/// <c>Temp</c> channel when it has one, else the configured compensation temperature) → buffer calibration.
/// </summary>
internal sealed class PhProbe(Parameter parameter, PhElectrode electrode, Calibration calibration, Temperature compensation) : IProbe, ITemperatureCompensated
{
    private Temperature _temperature = compensation;

    public Parameter Parameter { get; } = parameter;

    public void Compensate(Temperature temperature) => _temperature = temperature;

    public ProbeReading Read()
    {
        if (!electrode.TryReadPotential(out var potential))
        {
            return ProbeReading.Fault();
        }

        var reading = ProbeReading.Calibrated(Nernst.ToPh(potential, _temperature), calibration);
        return reading.Value is >= 0 and <= 14 ? reading : ProbeReading.Fault(Math.Clamp(reading.Value!.Value, 0, 14));
    }
}
