using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>What names a park, so a park in use is not deleted from under its stations, gateways and users.</summary>
internal static class References
{
    /// <summary>The ids of the store's parks.</summary>
    public static async Task<IReadOnlySet<string>> ParksAsync(IConfigStore store, CancellationToken cancellationToken) =>
        (await store.ListAsync(ConfigKind.Park, cancellationToken)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stations or gateways of <paramref name="park"/>.</summary>
    public static async Task<List<string>> OfParkAsync(IConfigStore store, ConfigKind kind, string park, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(kind, cancellationToken))
            .Where(e => kind == ConfigKind.Gateway
                ? ConfigDocuments.Parse<GatewayDefinition>(e.Json).Park == park
                : ConfigDocuments.Parse<Stations.StationDefinition>(e.Json).Park == park)
            .Select(e => e.Id)];

    /// <summary>The users bound to <paramref name="park"/>.</summary>
    public static async Task<List<string>> ParkUsersAsync(IConfigStore store, string park, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(ConfigKind.User, cancellationToken)).Where(e => ConfigDocuments.Parse<UserDefinition>(e.Json).Parks.Contains(park, StringComparer.Ordinal)).Select(e => e.Id)];

    /// <summary>"2 stations (A, B)", "no gateway".</summary>
    public static string Say(IReadOnlyList<string> ids, string word) => ids.Count switch
    {
        0 => $"no {word}",
        1 => $"1 {word} ({ids[0]})",
        _ => $"{ids.Count} {word}s ({string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? ", …" : "")})",
    };
}
