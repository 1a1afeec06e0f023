namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// Who discharges where: the park's display name, the facility and its permit as a person reads
/// them, and the station's position (WGS 84) for the map. Absent fields are unknown, never guessed.
/// </summary>
public sealed record StationPlace(string ParkName, string? Facility, string? Permit, double? Latitude, double? Longitude)
{
    /// <summary>Nothing known beyond the park's id.</summary>
    public static StationPlace Unnamed(string park) => new(park, null, null, null, null);
}
