using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Probes;

/// <summary>A resistance thermometer: temperature in °C → calibration against a reference thermometer.</summary>
internal sealed class RtdProbe(Parameter parameter, RtdThermometer thermometer, Calibration calibration) : IProbe
{
    public Parameter Parameter { get; } = parameter;

    public ProbeReading Read() =>
        thermometer.TryReadTemperature(out var temperature)
            ? ProbeReading.Calibrated(temperature.DegreesCelsius, calibration)
            : ProbeReading.Fault();
}
