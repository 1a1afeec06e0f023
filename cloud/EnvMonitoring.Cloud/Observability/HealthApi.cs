using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Relay;
using EnvMonitoring.Cloud.Storage;

namespace EnvMonitoring.Cloud.Observability;

/// <summary>
/// <c>GET /api/health</c>: 200 when the broker connection and InfluxDB are both up, else 503 saying
/// which is not; with the rules' state and each notification receiver's outbox (a full one is named
/// in <see cref="NotificationsHealth.Problem"/>: its new notices are being refused) and each relay
/// destination (one behind or refusing our credentials or writes is named in <see cref="RelayHealth.Problem"/>).
/// </summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/health", GetHealthAsync).WithName("GetHealth").AllowAnonymous()
            .WithSummary("Whether the broker connection and InfluxDB are up (200) or not (503, the same body saying which).")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> GetHealthAsync(
        InfluxClient influx, IngestionStatus ingestion, AlertService alerts, AlertEventStore alertEvents, AlertNotifier notifier, RelayService relay, IParkOwnership ownership, CancellationToken cancellationToken)
    {
        var influxReachable = await influx.PingAsync(TimeSpan.FromSeconds(3), cancellationToken);

        var healthy = influxReachable && ingestion.BrokerConnected;
        var body = new HealthReport(
            healthy ? "ok" : "degraded",
            new ComponentHealth(ingestion.BrokerConnected, ingestion.BrokerConnected ? null : "ingestion is not connected to the MQTT broker"),
            new ComponentHealth(influxReachable, influxReachable ? null : "InfluxDB does not answer /ping"),
            ingestion.SamplesWritten,
            ingestion.LastWriteAt,
            new RulesHealth(alerts.Ready.IsCompletedSuccessfully, alertEvents.Backlog),
            NotificationsHealth.Of(notifier.Health()),
            RelayHealth.Of(relay.Status()))
        {
            Cluster = ownership.Shared ? new ClusterHealth(ownership.InstanceId, [.. ownership.Owned.Order(StringComparer.Ordinal)]) : null,
        };
        return TypedResults.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(
    string Status, ComponentHealth Broker, ComponentHealth Influx, long SamplesWritten, DateTimeOffset? LastWriteAt, RulesHealth Rules, NotificationsHealth Notifications, RelayHealth Relay)
{
    /// <summary>When several instances share the parks: this instance and the parks it judges now; null on a single host.</summary>
    public ClusterHealth? Cluster { get; init; }
}

/// <summary>An instance among several: its id and the parks it judges now (docs/scale.md).</summary>
public sealed record ClusterHealth(string Instance, IReadOnlyList<string> Parks);

/// <summary>Each receiver's outbox; <see cref="Problem"/> names those that are full (refusing new notices), else null.</summary>
public sealed record NotificationsHealth(IReadOnlyList<ReceiverHealth> Receivers, string? Problem)
{
    public static NotificationsHealth Of(IReadOnlyList<ReceiverHealth> receivers)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        var full = receivers.Where(r => r.Full).Select(r => $"{r.Channel} {r.Receiver}").ToList();
        return new NotificationsHealth(receivers, full.Count == 0 ? null : $"outbox full, new notices refused: {string.Join(", ", full)}");
    }
}

/// <summary>Whether the rules run (the alert book is rebuilt) and how many alert transitions wait to be stored.</summary>
public sealed record RulesHealth(bool Running, int EventsNotYetStored);

public sealed record ComponentHealth(bool Reachable, string? Problem);
