using System.Globalization;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// One stored item as the admin API shows it: its id, version (also the <c>ETag</c>), who changed
/// it last and when, and the item itself — for gateways and users without their password hashes.
/// </summary>
internal sealed record EntryView(string Id, long Version, DateTimeOffset UpdatedAt, string UpdatedBy, object Item)
{
    public static EntryView Of(ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Version, entry.UpdatedAt, entry.UpdatedBy, ItemOf(entry.Kind, entry.Json));
    }

    /// <summary>The item of a stored JSON document, as the API may show it.</summary>
    public static object ItemOf(ConfigKind kind, string json) => kind switch
    {
        ConfigKind.Park => ConfigDocuments.Parse<ParkDefinition>(json),
        ConfigKind.Station => ConfigDocuments.Parse<StationDefinition>(json),
        ConfigKind.Gateway => GatewayItem.Of(ConfigDocuments.Parse<GatewayDefinition>(json)),
        ConfigKind.User => UserItem.Of(ConfigDocuments.Parse<UserDefinition>(json)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of configuration item"),
    };

    /// <summary>The <c>ETag</c> of an item at <paramref name="version"/>: the version, quoted.</summary>
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}

/// <summary>A gateway without its password hashes; <see cref="PreviousValidUntil"/> only while a rotation's grace runs.</summary>
internal sealed record GatewayItem(string Park, string Gateway, string? Name, string Username, bool Disabled,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PreviousValidUntil)
{
    public static GatewayItem Of(GatewayDefinition gateway) => new(
        gateway.Park, gateway.Gateway, gateway.Name, gateway.Username, gateway.Disabled, gateway.PreviousPasswordHash is null ? null : gateway.PreviousValidUntil);
}

/// <summary>A user without their password hash.</summary>
internal sealed record UserItem(string Name, string? DisplayName, bool Disabled, IReadOnlyList<string> Roles, IReadOnlyList<string> Parks)
{
    public static UserItem Of(UserDefinition user) => new(user.Name, user.DisplayName, user.Disabled, user.Roles, user.Parks);
}

/// <summary>An item made or given a new password: the entry and the password, shown this once.</summary>
internal sealed record IssuedView(EntryView Entry, string Password);
