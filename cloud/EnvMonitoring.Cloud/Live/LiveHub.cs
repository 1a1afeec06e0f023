using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// <c>/hubs/live</c> (docs/live.md): a client subscribes to the province, a park or a station and
/// gets a snapshot; then <c>stations</c> (coalesced), <c>alert</c> (at once) and <c>heartbeat</c>.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class LiveHub(LiveState live, AlertBoard alerts, LiveConnections connections, TimeProvider time) : Hub
{
    public const string Path = "/hubs/live";

    public override Task OnConnectedAsync()
    {
        live.ClientConnected();
        connections.Opened(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.ClientDisconnected();
        connections.Closed(Context);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<LiveSnapshot> Subscribe(string scope)
    {
        var parsed = Parse(scope);
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Group);
        return new LiveSnapshot(
            ProvinceTime.ToLocal(time.GetUtcNow()),
            live.Views(parsed),
            alerts.Alerts.Where(a => a.ResolvedBy is null && parsed.Contains(a.Park, a.Station)).ToList());
    }

    public Task Unsubscribe(string scope) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Parse(scope).Group);

    private LiveScope Parse(string scope)
    {
        if (!LiveScope.TryParse(scope, out var parsed))
        {
            throw new HubException($"'{scope}' is not a scope: use province, park:{{park}} or station:{{station}}.");
        }

        if (parsed.Kind == "park" && !live.HasPark(parsed.Id!) || parsed.Kind == "station" && !live.Contains(parsed.Id!))
        {
            throw new HubException($"Unknown {parsed.Kind} '{parsed.Id}'.");
        }

        return parsed;
    }
}
