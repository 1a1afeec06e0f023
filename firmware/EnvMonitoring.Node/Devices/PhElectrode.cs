using Iot.Device.UFire;
using UnitsNet;

namespace EnvMonitoring.Node.Devices;

/// <summary>
/// A pH glass electrode on a uFire ISE probe interface: the interface measures the electrode's
/// potential (±1024 mV); turning it into pH (Nernst slope, temperature) is the channel's job.
/// </summary>
/// <remarks>
/// Owns the <see cref="UFireIse"/> and disposes it, which disposes its <c>I2cDevice</c>. The
/// interface's own EEPROM calibration is left unused: calibration lives in the node's
/// configuration with every other channel's. A measurement takes about 0.75 s.
/// </remarks>
public sealed class PhElectrode : IDisposable
{
    public const double LimitMillivolts = 1024;

    private readonly UFireIse _interface;

    public PhElectrode(UFireIse probeInterface)
    {
        ArgumentNullException.ThrowIfNull(probeInterface);
        _interface = probeInterface;
    }

    /// <summary>Reads the electrode's potential; false when the interface did not answer or the value is outside its range.</summary>
    public bool TryReadPotential(out ElectricPotential potential)
    {
        try
        {
            potential = _interface.ReadElectricPotential();
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            potential = default;
            return false;
        }

        var millivolts = potential.Millivolts;
        return double.IsFinite(millivolts) && Math.Abs(millivolts) <= LimitMillivolts;
    }

    public void Dispose() => _interface.Dispose();
}
