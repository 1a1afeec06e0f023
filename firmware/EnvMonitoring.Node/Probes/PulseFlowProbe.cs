using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Probes;

/// <summary>A pulse flow meter: mean m³/h since the previous read → calibration (a bucket or reference-meter test).</summary>
internal sealed class PulseFlowProbe(Parameter parameter, PulseFlowMeter meter, Calibration calibration) : IProbe
{
    public Parameter Parameter { get; } = parameter;

    public ProbeReading Read() =>
        meter.TryReadFlow(out var flow)
            ? ProbeReading.Calibrated(flow.CubicMetersPerHour, calibration)
            : ProbeReading.Fault();
}
