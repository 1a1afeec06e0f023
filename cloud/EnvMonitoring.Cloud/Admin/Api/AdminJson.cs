using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// The two JSON shapes of configuration: the admin API's (camelCase, enums as their camelCase wire
/// names, never numbers) and the store's (<see cref="StationsFile.Options"/>, as the stations file).
/// </summary>
internal static class AdminJson
{
    /// <summary>Bodies and answers of <c>/api/admin</c>.</summary>
    public static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>An item as the configuration store keeps it.</summary>
    public static string Store<T>(T item) => JsonSerializer.Serialize(item, StationsFile.Options);

    /// <summary>An item the configuration store kept.</summary>
    /// <exception cref="JsonException">The stored JSON is not a <typeparamref name="T"/>.</exception>
    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, StationsFile.Options)
        ?? throw new JsonException($"The stored item is null, not a {typeof(T).Name}.");
}
