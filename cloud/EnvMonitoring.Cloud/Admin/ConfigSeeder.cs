using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// Imports what the settings say into the configuration store (<see cref="IConfigStore.SeedAsync"/>):
/// parks and stations (<c>Parks</c>, <c>Stations</c>, <c>StationsFile</c>), users
/// (<c>Security:Users</c>, or the demo's), and the gateways of <c>Broker:Clients</c>. An item's
/// settings win only when they changed since that item was last imported, so an admin's edit
/// survives restarts while an edited stations file still takes effect (docs/configuration.md).
/// Station and ingestion broker identities stay in the settings only.
/// </summary>
internal sealed class ConfigSeeder(
    IConfigStore store, IConfiguration configuration, ConfiguredUsers users, IOptionsMonitor<BrokerOptions> broker, ILogger<ConfigSeeder> logger)
{
    /// <summary>Who the store records as the writer of seeded items.</summary>
    public const string By = "settings";

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var items = Items();
        var changed = await store.SeedAsync(items, By, cancellationToken);
        AdminLog.Seeded(logger, changed, items.Count);
        return changed;
    }

    private List<ConfigSeed> Items()
    {
        var (parks, stations) = RegistryDefinitions.FromSettings(configuration);
        var items = new List<ConfigSeed>();
        items.AddRange(parks.Select(p => Seed(ConfigDocuments.Of(p))));
        items.AddRange(stations.Select(s => Seed(ConfigDocuments.Of(s))));
        items.AddRange(broker.CurrentValue.Clients
            .Where(c => c.Gateway is not null && c.Park is not null)
            .Select(c => Seed(ConfigDocuments.Of(new GatewayDefinition { Park = c.Park!, Gateway = c.Gateway!, Username = c.Username, PasswordHash = c.PasswordHash }))));
        var (configured, demo) = users.Current();
        items.AddRange(configured.Select(u => demo is null
            ? Seed(ConfigDocuments.Of(u))
            : Seed(ConfigDocuments.Of(u), demo + "\n" + u.Name)));
        return items;
    }

    private static ConfigSeed Seed((ConfigKind Kind, string Id, string Json) item, string? madeFrom = null) =>
        new(item.Kind, item.Id, item.Json, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(madeFrom ?? item.Json))));
}
