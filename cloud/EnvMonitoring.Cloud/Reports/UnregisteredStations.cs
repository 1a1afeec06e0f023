namespace EnvMonitoring.Cloud.Reports;

/// <summary>Until the station registry is wired in: no station is known, so reports answer 404.</summary>
internal sealed class UnregisteredStations : IInspectedStations
{
    public bool TryGet(string station, [NotNullWhen(true)] out InspectedStation? found)
    {
        found = null;
        return false;
    }
}
