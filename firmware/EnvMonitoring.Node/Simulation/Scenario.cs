namespace EnvMonitoring.Node.Simulation;

/// <summary>A timeline of scripted incidents, optionally repeating (the demo repeats every few minutes).</summary>
public sealed class Scenario
{
    /// <summary>Length of one cycle; null runs the incidents once.</summary>
    public TimeSpan? RepeatEvery { get; set; }

    public List<ScenarioIncident> Incidents { get; set; } = [];
}
