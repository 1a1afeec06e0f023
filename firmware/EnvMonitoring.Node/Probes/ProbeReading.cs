using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Probes;

/// <summary>
/// One read of one probe: a value in the parameter's canonical unit (none when the probe did not
/// answer), its device status (Circular 10/2021: measuring, calibrating, fault), and the value
/// before the channel's calibration, which is what a technician calibrating the channel needs.
/// </summary>
internal readonly record struct ProbeReading(double? Value, DeviceStatus Status, double? Uncalibrated = null)
{
    public static ProbeReading Measured(double value) => new(value, DeviceStatus.Measuring);

    /// <summary>A good read through a calibration: the calibrated value, and the one before it.</summary>
    public static ProbeReading Calibrated(double uncalibrated, Channels.Calibration calibration) =>
        new(calibration.Apply(uncalibrated), DeviceStatus.Measuring, uncalibrated);

    public static ProbeReading Fault(double? value = null) => new(value, DeviceStatus.Fault);
}
