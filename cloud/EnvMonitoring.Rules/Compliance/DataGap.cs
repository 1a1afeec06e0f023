namespace EnvMonitoring.Rules.Compliance;

/// <summary>Whole hours in which the station stored no reading of the parameter at all, [From, To).</summary>
public sealed record DataGap(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}
