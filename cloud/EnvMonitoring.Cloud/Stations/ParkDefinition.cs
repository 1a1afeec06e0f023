namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// One industrial park as configured (<c>Parks:0:…</c>): its id, as stations and gateways name it,
/// and the name people read, with diacritics ("Khu công nghiệp Yên Bình").
/// </summary>
public sealed class ParkDefinition
{
    public const string Section = "Parks";

    public string Id { get; set; } = "";

    /// <summary>Display name; the id when absent.</summary>
    public string? Name { get; set; }

    /// <summary>Latitude of the park (WGS 84, degrees), for the map; with <see cref="Longitude"/> or not at all.</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude of the park (WGS 84, degrees).</summary>
    public double? Longitude { get; set; }
}
