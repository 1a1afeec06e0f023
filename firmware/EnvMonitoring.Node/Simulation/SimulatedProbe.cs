using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Simulation;

/// <summary>One parameter of a <see cref="SimulatedStation"/>, read at the clock's time.</summary>
internal sealed class SimulatedProbe(SimulatedStation station, Parameter parameter, TimeProvider time) : IProbe
{
    public Parameter Parameter { get; } = parameter;

    public ProbeReading Read() => station.Read(Parameter, time.GetUtcNow());
}
