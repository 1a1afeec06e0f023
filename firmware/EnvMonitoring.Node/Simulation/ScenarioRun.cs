namespace EnvMonitoring.Node.Simulation;

/// <summary>A scenario started at a moment (the node's start): which incidents are under way when.</summary>
internal sealed class ScenarioRun(Scenario scenario, DateTimeOffset start)
{
    public Scenario Scenario { get; } = scenario;

    public DateTimeOffset Start { get; } = start;

    public static ScenarioRun Quiet(DateTimeOffset start) => new(new Scenario(), start);

    public IEnumerable<ActiveIncident> Active(string station, DateTimeOffset now)
    {
        var elapsed = now - Start;
        if (elapsed < TimeSpan.Zero)
        {
            yield break;
        }

        var cycleStart = Start;
        if (Scenario.RepeatEvery is { } cycle)
        {
            var cycles = elapsed.Ticks / cycle.Ticks;
            cycleStart += TimeSpan.FromTicks(cycles * cycle.Ticks);
            elapsed -= TimeSpan.FromTicks(cycles * cycle.Ticks);
        }

        foreach (var incident in Scenario.Incidents)
        {
            if (incident.Station == station && elapsed >= incident.Start && elapsed < incident.Start + incident.Duration)
            {
                yield return new ActiveIncident(incident, cycleStart + incident.Start, (elapsed - incident.Start) / incident.Duration);
            }
        }
    }
}
