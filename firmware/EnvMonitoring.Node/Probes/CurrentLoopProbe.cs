using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Probes;

/// <summary>An analyser's 4–20 mA output: loop current → analyser range → calibration; out-of-band currents are faults.</summary>
internal sealed class CurrentLoopProbe(Parameter parameter, CurrentLoopInput input, CurrentLoopScale scale, Calibration calibration) : IProbe
{
    public Parameter Parameter { get; } = parameter;

    public ProbeReading Read()
    {
        if (!input.TryReadCurrent(out var current))
        {
            return ProbeReading.Fault();
        }

        var reading = scale.ToReading(current);
        return reading.Status == Protocol.Samples.DeviceStatus.Measuring && reading.Value is { } value
            ? ProbeReading.Calibrated(value, calibration)
            : reading;
    }
}
