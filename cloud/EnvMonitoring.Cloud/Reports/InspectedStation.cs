using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>What a report needs to know of a station: where it is, what it discharges, how often it reports and its limits.</summary>
internal sealed record InspectedStation(string Park, string Station, string Name, Medium Medium, TimeSpan ExpectedInterval, StationRuleProfile Profile);

/// <summary>The stations inspectors may report on (a seam over the station registry).</summary>
internal interface IInspectedStations
{
    bool TryGet(string station, [NotNullWhen(true)] out InspectedStation? found);
}
