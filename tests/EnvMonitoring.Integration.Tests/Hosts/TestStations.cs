using System.Globalization;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// Registers the stations a test publishes for: the cloud stores a sample only for a station
/// registered to the topic's park (docs/ingestion.md, "Content bound to identity and time").
/// A few go into settings (<c>Stations:N:…</c>); many into a <c>StationsFile</c>.
/// </summary>
public static class TestStations
{
    private const int InlineAtMost = 20;

    /// <summary>Settings registering <paramref name="stations"/> of <paramref name="park"/> (water, no limits) from index <paramref name="first"/> on; <paramref name="separator"/> is <c>:</c> in process, <c>__</c> for a child process.</summary>
    public static Dictionary<string, string> Settings(string park, IEnumerable<string> stations, string separator = ":", int first = 0) =>
        Settings(stations.Select(s => (park, s)), separator, first);

    public static Dictionary<string, string> Settings(IEnumerable<(string Park, string Station)> stations, string separator = ":", int first = 0)
    {
        var list = stations.Distinct().ToList();
        if (list.Count > InlineAtMost)
        {
            var file = Path.Combine(Path.GetTempPath(), $"envmon-stations-{Guid.NewGuid():N}.json");
            File.WriteAllText(file, JsonSerializer.Serialize(new { Stations = list.Select(s => new { s.Park, s.Station }) }));
            return new Dictionary<string, string> { ["StationsFile"] = file };
        }

        var settings = new Dictionary<string, string>();
        foreach (var ((park, station), i) in list.Select((s, i) => (s, i + first)))
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            settings[$"Stations{separator}{index}{separator}Park"] = park;
            settings[$"Stations{separator}{index}{separator}Station"] = station;
        }

        return settings;
    }
}
