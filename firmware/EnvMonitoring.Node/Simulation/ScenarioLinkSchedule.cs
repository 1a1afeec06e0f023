using EnvMonitoring.Node.Publishing;

namespace EnvMonitoring.Node.Simulation;

/// <summary>The <see cref="IncidentKind.Offline"/> incidents of the running scenario.</summary>
internal sealed class ScenarioLinkSchedule(ScenarioRun run) : ILinkSchedule
{
    public LinkState State(string station, DateTimeOffset now)
    {
        var state = LinkState.Online;
        foreach (var active in run.Active(station, now))
        {
            if (active.Incident.Kind == IncidentKind.Offline)
            {
                state = active.Incident.KeepMeasuring && state != LinkState.PoweredOff ? LinkState.LinkDown : LinkState.PoweredOff;
            }
        }

        return state;
    }
}
