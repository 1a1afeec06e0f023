using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Simulation;

/// <summary>The simulator backend: every parameter of each station's medium, with the scenario's incidents.</summary>
internal sealed class SimulatedProbes(NodeOptions options, ScenarioRun scenario, ParameterCatalog catalog, TimeProvider time) : IStationProbes
{
    public IReadOnlyList<IProbe> For(string station)
    {
        var medium = options.Stations.First(s => s.Id == station).Medium;
        var simulated = new SimulatedStation(station, medium, catalog, scenario);
        return [.. simulated.Parameters.Select(p => new SimulatedProbe(simulated, p, time))];
    }

    public void Dispose()
    {
        // Nothing to release: no devices.
    }
}
