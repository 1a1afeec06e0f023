using UnitsNet;

namespace EnvMonitoring.Node.Probes;

/// <summary>A probe whose conversion depends on the water temperature (a pH electrode's Nernst slope).</summary>
internal interface ITemperatureCompensated
{
    void Compensate(Temperature temperature);
}
