using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Probes;

/// <summary>
/// A channel: something that reads one parameter of one station. Reading never throws for a
/// device problem; a probe that cannot answer returns a fault.
/// </summary>
internal interface IProbe
{
    Parameter Parameter { get; }

    ProbeReading Read();
}
