using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>A station of the registry, with its resolved limits and rule settings in <see cref="Profile"/>.</summary>
public sealed record RegisteredStation(string Park, string Station, string Name, Medium Medium, TimeSpan ExpectedInterval, StationRuleProfile Profile)
{
    /// <summary>The names people read and the position on the map; only the park's id when not configured.</summary>
    public StationPlace Place { get; init; } = StationPlace.Unnamed(Park);

    /// <summary>The definition it was resolved from, as stations-file JSON (<see cref="StationsFile.Write(StationDefinition)"/>); tells a changed station from an unchanged one.</summary>
    public string Definition { get; init; } = "";
}
