using System.Threading.Channels;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Observability;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Time;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// Pushes to hub clients: alert transitions at once; changed stations coalesced, one message per
/// scope at most every <see cref="LiveOptions.CoalesceInterval"/>; a heartbeat so clients can tell
/// a quiet feed from a dead one; the system's health when it changes; <see cref="StationsChangedEvent"/>
/// when the station registry changed, so dashboards read their station list again.
/// </summary>
public sealed class LiveBroadcaster(
    IHubContext<LiveHub> hub, LiveState live, SystemHealth health, IClusterChannel cluster, IParkOwnership ownership, IOptions<LiveOptions> options, TimeProvider time, ILogger<LiveBroadcaster> logger)
    : BackgroundService, IRulesListener
{
    /// <summary>The cluster channel of the station views each instance drains (of the parks it judges).</summary>
    private const string StationsChannel = "stations";

    private readonly Channel<AlertView> _alerts = Channel.CreateUnbounded<AlertView>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<HealthNow> _health = Channel.CreateBounded<HealthNow>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Pending registry changes: several in a row make one message.</summary>
    private readonly Channel<bool> _registry = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>
    /// The hub event that says the station registry changed (stations added, changed or removed),
    /// with no arguments: it names no station, so it goes to every client, which reads
    /// <c>GET /api/stations</c> again for the stations of its own parks.
    /// </summary>
    public const string StationsChangedEvent = "stationsChanged";

    void IRulesListener.OnTransition(AlertTransition transition) => PublishAlert(transition.View);

    void IRulesListener.OnStationsChanged(StationChanges changes) => _registry.Writer.TryWrite(true);

    /// <summary>Queues an alert transition for every client watching its station; never blocks.</summary>
    public void PublishAlert(AlertView alert) => _alerts.Writer.TryWrite(alert);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void Changed(HealthNow now) => _health.Writer.TryWrite(now);
        health.Changed += Changed;
        try
        {
            await cluster.SubscribeAsync<List<StationLive>>(StationsChannel, views =>
            {
                live.ShowRemote(views);
                return Task.CompletedTask;
            }, stoppingToken);
            await Task.WhenAll(SendAlertsAsync(stoppingToken), SendStationsAsync(stoppingToken), SendHeartbeatsAsync(stoppingToken), SendHealthAsync(stoppingToken), SendRegistryChangesAsync(stoppingToken));
        }
        finally
        {
            health.Changed -= Changed;
        }
    }

    /// <summary>A change of the system's health, to everyone at once (it names no park or station); only the latest counts.</summary>
    private async Task SendHealthAsync(CancellationToken stoppingToken)
    {
        await foreach (var now in _health.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Here.SendAsync("health", now, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LiveLog.SendFailed(logger, "health", e);
            }
        }
    }

    private async Task SendRegistryChangesAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _registry.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Here.SendAsync(StationsChangedEvent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LiveLog.SendFailed(logger, StationsChangedEvent, e);
            }
        }
    }

    private async Task SendAlertsAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in _alerts.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Groups(LiveScope.ProvinceName, LiveScope.ForPark(alert.Park).Group, LiveScope.ForStation(alert.Station).Group)
                    .SendAsync("alert", alert, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LiveLog.SendFailed(logger, "alert", e);
            }
        }
    }

    private async Task SendStationsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CoalesceInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var changed = live.DrainChanged();
            if (changed.Count == 0)
            {
                continue;
            }

            try
            {
                var sends = new List<Task> { hub.Clients.Group(LiveScope.ProvinceName).SendAsync("stations", changed, stoppingToken), cluster.PublishAsync(StationsChannel, changed, stoppingToken) };
                foreach (var park in changed.GroupBy(s => s.Park, StringComparer.Ordinal))
                {
                    sends.Add(hub.Clients.Group(LiveScope.ForPark(park.Key).Group).SendAsync("stations", park.ToList(), stoppingToken));
                }

                foreach (var station in changed)
                {
                    sends.Add(hub.Clients.Group(LiveScope.ForStation(station.Station).Group).SendAsync("stations", new[] { station }, stoppingToken));
                }

                await Task.WhenAll(sends);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LiveLog.SendFailed(logger, "stations", e);
            }
        }
    }

    /// <summary>
    /// The clients connected to this instance: what each instance says for itself (its health, its
    /// heartbeat, that its registry changed) goes to its own clients only, even through a backplane.
    /// </summary>
    private IClientProxy Here => hub.Clients.Group(LiveScope.InstanceGroup(ownership.InstanceId));

    private async Task SendHeartbeatsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Here.SendAsync("heartbeat", ProvinceTime.ToLocal(time.GetUtcNow()), stoppingToken);
        }
    }
}
