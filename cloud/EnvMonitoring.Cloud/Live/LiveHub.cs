using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Observability;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// <c>/hubs/live</c> (docs/live.md): a client subscribes to the province, a park or a station and
/// gets a snapshot; then <c>stations</c> (coalesced), <c>alert</c> (at once), <c>health</c> (on change),
/// <c>stationsChanged</c> (the registry changed: read the station list again) and <c>heartbeat</c>.
/// A park-scoped user (<see cref="ParkScope"/>) may subscribe only to their parks and their
/// stations; their <c>province</c> is their parks: the snapshot holds only those, and the connection
/// joins those parks' groups instead of the province's, so the broadcaster never sends it another park.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class LiveHub(LiveState live, AlertBoard alerts, LiveConnections connections, SystemHealth health, IParkOwnership ownership, TimeProvider time) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>The same words for another park's scope and one that does not exist, so they cannot be told apart.</summary>
    private const string OutsideParks = "Forbidden: this scope is not in the parks you may see.";

    public override async Task OnConnectedAsync()
    {
        live.ClientConnected();
        connections.Opened(Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveScope.InstanceGroup(ownership.InstanceId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.ClientDisconnected();
        connections.Closed(Context);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<LiveSnapshot> Subscribe(string scope)
    {
        var parks = Parks();
        var parsed = Parse(scope, parks);
        var subscriptions = Subscriptions();
        foreach (var group in GroupsOf(parsed, parks))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        lock (subscriptions)
        {
            subscriptions.Add(parsed);
        }

        return new LiveSnapshot(
            ProvinceTime.ToLocal(time.GetUtcNow()),
            live.Views(parsed).Where(s => parks.Allows(s.Park)).ToList(),
            alerts.Alerts.Where(a => a.ResolvedBy is null && parsed.Contains(a.Park, a.Station) && parks.Allows(a.Park)).ToList(),
            health.Current);
    }

    /// <summary>Leaves the groups of <paramref name="scope"/> that none of the connection's other scopes needs.</summary>
    public async Task Unsubscribe(string scope)
    {
        var parks = Parks();
        var parsed = Parse(scope, parks);
        var subscriptions = Subscriptions();
        HashSet<string> kept;
        lock (subscriptions)
        {
            if (!subscriptions.Remove(parsed))
            {
                return;
            }

            kept = subscriptions.SelectMany(s => GroupsOf(s, parks)).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var group in GroupsOf(parsed, parks).Where(g => !kept.Contains(g)))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        }
    }

    /// <summary>The SignalR groups a scope stands for: its own, except a scoped user's province, which is their parks.</summary>
    private static IEnumerable<string> GroupsOf(LiveScope scope, ParkScope parks) =>
        scope.Kind == LiveScope.ProvinceName && !parks.IsAll ? parks.Parks.Select(p => LiveScope.ForPark(p).Group) : [scope.Group];

    private ParkScope Parks() => Context.User is { } user ? ParkScope.Of(user) : throw new HubException(OutsideParks);

    /// <summary>The connection's scopes (a connection lives as long as its WebSocket; SignalR keeps its items).</summary>
    private HashSet<LiveScope> Subscriptions()
    {
        if (Context.Items.TryGetValue(typeof(LiveScope), out var held) && held is HashSet<LiveScope> subscriptions)
        {
            return subscriptions;
        }

        subscriptions = [];
        Context.Items[typeof(LiveScope)] = subscriptions;
        return subscriptions;
    }

    private LiveScope Parse(string scope, ParkScope parks)
    {
        if (!LiveScope.TryParse(scope, out var parsed))
        {
            throw new HubException($"'{scope}' is not a scope: use province, park:{{park}} or station:{{station}}.");
        }

        // Checked before whether it exists: a scoped user learns nothing of other parks' ids.
        if (parsed.Kind == "park" && !parks.Allows(parsed.Id) || parsed.Kind == "station" && !parks.Allows(live.ParkOf(parsed.Id!)))
        {
            throw new HubException(OutsideParks);
        }

        if (parsed.Kind == "park" && !live.HasPark(parsed.Id!) || parsed.Kind == "station" && !live.Contains(parsed.Id!))
        {
            throw new HubException($"Unknown {parsed.Kind} '{parsed.Id}'.");
        }

        return parsed;
    }
}
