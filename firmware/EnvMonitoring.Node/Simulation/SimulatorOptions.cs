namespace EnvMonitoring.Node.Simulation;

/// <summary>The simulator backend (section <c>Node:Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    /// <summary>
    /// A scenario file (JSON) of scripted incidents, relative to the content root; none means
    /// normal operation only. <c>./envmon run</c> passes <c>scenarios/demo.json</c>.
    /// </summary>
    public string? Scenario { get; set; }
}
