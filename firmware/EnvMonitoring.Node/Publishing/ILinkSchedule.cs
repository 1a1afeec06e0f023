namespace EnvMonitoring.Node.Publishing;

/// <summary>Scripted outages of a station's node; a real node is always <see cref="LinkState.Online"/> as far as it knows.</summary>
internal interface ILinkSchedule
{
    LinkState State(string station, DateTimeOffset now);
}
