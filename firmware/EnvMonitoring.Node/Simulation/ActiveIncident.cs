namespace EnvMonitoring.Node.Simulation;

/// <summary>An incident under way: when this occurrence started, and how far through it is (0 … 1).</summary>
internal readonly record struct ActiveIncident(ScenarioIncident Incident, DateTimeOffset StartedAt, double Progress)
{
    /// <summary>
    /// How strongly a gradual incident shows: ramps up over the first fifth, holds, and ramps down
    /// over the last fifth, as a real load peak or pH excursion does.
    /// </summary>
    public double Envelope => Math.Clamp(Math.Min(Progress, 1 - Progress) / 0.2, 0, 1);
}
