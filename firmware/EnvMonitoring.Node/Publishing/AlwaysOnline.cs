namespace EnvMonitoring.Node.Publishing;

/// <summary>No scripted outages: real outages are found by trying to publish.</summary>
internal sealed class AlwaysOnline : ILinkSchedule
{
    public LinkState State(string station, DateTimeOffset now) => LinkState.Online;
}
