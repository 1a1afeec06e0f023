using System.Text.Json;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// The one typed view of the configuration store's JSON: which <see cref="ConfigKind"/> each
/// definition is kept as, its id (park <see cref="ParkDefinition.Id"/>, station
/// <see cref="StationDefinition.Station"/>, gateway <see cref="GatewayDefinition.Gateway"/>, user
/// <see cref="UserDefinition.Name"/>), and its JSON, written and read with <see cref="StationsFile.Options"/>
/// so a station in the store reads exactly as in the stations file. The seeder, the applier, the
/// import/export command and the admin API all go through here.
/// </summary>
internal static class ConfigDocuments
{
    public static (ConfigKind Kind, string Id, string Json) Of(ParkDefinition park)
    {
        ArgumentNullException.ThrowIfNull(park);
        return (ConfigKind.Park, park.Id, Write(park));
    }

    public static (ConfigKind Kind, string Id, string Json) Of(StationDefinition station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return (ConfigKind.Station, station.Station, Write(station));
    }

    public static (ConfigKind Kind, string Id, string Json) Of(GatewayDefinition gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return (ConfigKind.Gateway, gateway.Gateway, Write(gateway));
    }

    public static (ConfigKind Kind, string Id, string Json) Of(UserDefinition user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (ConfigKind.User, user.Name, Write(user));
    }

    /// <summary>A definition as the store keeps it: one line, nulls left out, the properties in declaration order.</summary>
    public static string Write<T>(T definition)
        where T : class => JsonSerializer.Serialize(definition, StationsFile.Options);

    public static ParkDefinition Park(ConfigEntry entry) => Read<ParkDefinition>(entry, ConfigKind.Park, p => p.Id);

    public static StationDefinition Station(ConfigEntry entry) => Read<StationDefinition>(entry, ConfigKind.Station, s => s.Station);

    public static GatewayDefinition Gateway(ConfigEntry entry) => Read<GatewayDefinition>(entry, ConfigKind.Gateway, g => g.Gateway);

    public static UserDefinition User(ConfigEntry entry) => Read<UserDefinition>(entry, ConfigKind.User, u => u.Name);

    /// <summary>Reads a definition from JSON a writer sent (the admin API's body, an import); null JSON is refused.</summary>
    /// <exception cref="JsonException">Not JSON of that shape.</exception>
    public static T Parse<T>(string json)
        where T : class => JsonSerializer.Deserialize<T>(json, StationsFile.Options) ?? throw new JsonException($"null is not a {typeof(T).Name}.");

    /// <summary>
    /// The entry's definition; an entry of another kind, JSON that does not read, or a document
    /// whose own id is not the entry's is refused with a message naming the entry.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry does not hold a valid definition of its kind.</exception>
    private static T Read<T>(ConfigEntry entry, ConfigKind kind, Func<T, string> idOf)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind != kind)
        {
            throw new InvalidDataException($"{entry.Kind} {entry.Id} is not a {kind}.");
        }

        T definition;
        try
        {
            definition = Parse<T>(entry.Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{kind} {entry.Id} (version {entry.Version}) is not a valid {typeof(T).Name}: {e.Message}", e);
        }

        if (!string.Equals(idOf(definition), entry.Id, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{kind} {entry.Id} (version {entry.Version}) names itself '{idOf(definition)}': a document's id is the id it is stored under.");
        }

        return definition;
    }
}
